import {
  getNamedType,
  GraphQLBoolean,
  GraphQLField,
  GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
} from "graphql";
import { Random } from "./random";
import { GraphSample, literal, RandomValues } from "./random-values";

export interface RandomRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** How often an optional argument is given, by name. */
const argumentChance: Record<string, number> = { first: 0.8, last: 0.1, after: 0.15, before: 0.06, filter: 0.35, orderBy: 0.35 };

/**
 * Query documents drawn over the schema, the same ones for the same seed: random fields with aliases,
 * named and inline fragments, @include/@skip on literals and variables, arguments as literals, as
 * variables (given, left to their defaults, null, or of the wrong kind) and as variables inside literals.
 * Some break the caller's limits or fail validation, as clients' documents do.
 */
export function randomRequests(schema: GraphQLSchema, sample: GraphSample, seed: number, count: number): RandomRequest[] {
  const random = new Random(seed);
  const values = new RandomValues(random, sample);
  return Array.from({ length: count }, (_, index) => new DocumentWriter(schema, random, values, index).write());
}

class DocumentWriter {
  private readonly definitions: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  private readonly fragments: string[] = [];
  private names = 0;
  private readonly maximumDepth: number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: Random,
    private readonly values: RandomValues,
    private readonly index: number,
  ) {
    this.maximumDepth = random.integer(2, 6);
  }

  write(): RandomRequest {
    const selection = this.selectionSet(this.schema.getQueryType()!, 0);
    const name = this.random.chance(0.7) ? `Random${this.index}` : "";
    const variables = this.definitions.length ? `(${this.definitions.join(", ")})` : "";
    const operation = `query ${name}${variables} ${selection}`;
    // A second operation: the request names the one to run, and each is compiled on its own.
    if (name && this.random.chance(0.1)) {
      return { query: [`query Other${this.index} { __typename }`, operation, ...this.fragments].join("\n"), operationName: name, variables: this.variables };
    }
    return { query: [operation, ...this.fragments].join("\n"), variables: this.variables };
  }

  private selectionSet(type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string {
    const fields = Object.values(type.getFields()).filter((field) => depth < this.maximumDepth || isLeafType(getNamedType(field.type)));
    const parts = this.random.some(fields, 1, 4).map((field) => this.field(field, depth));
    if (parts.length === 0 || this.random.chance(0.08)) parts.push("__typename");
    if (isInterfaceType(type)) {
      for (const implementation of this.random.some(this.schema.getPossibleTypes(type), 1, 2)) {
        parts.push(`... on ${implementation.name} ${this.selectionSet(implementation, depth)}`);
      }
    }
    return `{ ${this.grouped(type, parts).join(" ")} }`;
  }

  /**
   * Some of the fields moved (or copied: a field may appear twice, once under a condition) into an
   * inline fragment or a named one, perhaps under a condition, before or after the others.
   */
  private grouped(type: GraphQLObjectType | GraphQLInterfaceType, parts: string[]): string[] {
    const roll = this.random.fraction();
    if (roll > 0.3 || parts.length === 0) return parts;
    const moved = this.random.some(parts, 1, parts.length);
    // Copied, or moved out of the others.
    if (this.random.chance(0.65)) parts = parts.filter((part) => !moved.includes(part));
    const condition = this.random.chance(0.4) ? this.condition() : "";
    let spread: string;
    if (roll < 0.15) {
      const name = `Fragment${this.index}x${++this.names}`;
      this.fragments.push(`fragment ${name} on ${type.name} { ${moved.join(" ")} }`);
      spread = `...${name}${condition}`;
    } else {
      const typeCondition = condition && this.random.chance(0.5) ? "" : ` on ${type.name}`;
      spread = `...${typeCondition}${condition} { ${moved.join(" ")} }`;
    }
    return this.random.chance(0.5) ? [spread, ...parts] : [...parts, spread];
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const alias = this.random.chance(0.25) ? `alias${++this.names}: ` : "";
    const argumentList = field.args
      .filter((argument) => isNonNullType(argument.type) || this.random.chance(argumentChance[argument.name] ?? 0.3))
      .map((argument) => `${argument.name}: ${this.argument(argument.type, argumentHint(field, argument.name))}`);
    const written = argumentList.length ? `(${argumentList.join(", ")})` : "";
    const condition = this.random.chance(0.08) ? this.condition() : "";
    const named = getNamedType(field.type);
    const selection = isLeafType(named) ? "" : ` ${this.selectionSet(named as GraphQLObjectType | GraphQLInterfaceType, depth + 1)}`;
    return `${alias}${field.name}${written}${condition}${selection}`;
  }

  private condition(): string {
    const directive = this.random.pick(["include", "skip"]);
    if (this.random.chance(0.4)) return ` @${directive}(if: ${this.random.chance(0.5)})`;
    if (this.random.chance(0.3)) {
      // Nullable with a default: allowed where Boolean! is expected, and may be left out.
      const name = `condition${++this.names}`;
      this.definitions.push(`$${name}: Boolean = ${this.random.chance(0.5)}`);
      if (this.random.chance(0.5)) this.variables[name] = this.random.chance(0.5);
      return ` @${directive}(if: $${name})`;
    }
    return ` @${directive}(if: ${this.variable(new GraphQLNonNull(GraphQLBoolean), "if")})`;
  }

  private argument(type: GraphQLInputType, hint: string): string {
    return this.random.chance(0.3) ? this.variable(type, hint) : this.literalWithVariables(type, hint);
  }

  /** A literal, perhaps with variables inside it (`filter: { status: $status }`). */
  private literalWithVariables(type: GraphQLInputType, hint: string): string {
    const named = isNonNullType(type) ? type.ofType : type;
    if (isInputObjectType(named) && this.random.chance(0.3)) {
      const fields = this.values.fieldsToWrite(named).map((field) => {
        const value = this.random.chance(0.3) ? this.variable(field.type, field.name) : this.literalWithVariables(field.type, field.name);
        return `${field.name}: ${value}`;
      });
      return `{ ${fields.join(", ")} }`;
    }
    if (isListType(named) && this.random.chance(0.3)) {
      const items = Array.from({ length: this.random.integer(1, 2) }, () =>
        this.random.chance(0.2) ? this.variable(named.ofType, hint) : this.literalWithVariables(named.ofType, hint),
      );
      return `[${items.join(", ")}]`;
    }
    return literal(this.values.value(type, hint), type);
  }

  /** A variable of the type: given, left out (to its default or to nothing), null, or of the wrong kind. */
  private variable(type: GraphQLInputType, hint: string): string {
    const name = `variable${++this.names}`;
    // A non-null variable may stand where null is allowed.
    const declared = !isNonNullType(type) && this.random.chance(0.1) ? new GraphQLNonNull(type) : type;
    const defaultValue = this.random.chance(0.15) ? this.values.present(type, hint) : undefined;
    this.definitions.push(`$${name}: ${String(declared)}${defaultValue === undefined ? "" : ` = ${literal(defaultValue, type)}`}`);
    const mayBeLeftOut = !isNonNullType(declared) || defaultValue !== undefined;
    const roll = this.random.fraction();
    if (roll < 0.03) this.variables[name] = this.values.misfit(type);
    else if (mayBeLeftOut && roll < 0.25) return `$${name}`;
    else if (!isNonNullType(declared) && roll < 0.3) this.variables[name] = null;
    else this.variables[name] = this.values.present(type, hint);
    return `$${name}`;
  }
}

/** What an argument's values are drawn from: `account.id` for the id of `account`, `TicketConnection.after` for a cursor of tickets. */
function argumentHint(field: GraphQLField<unknown, unknown>, argumentName: string): string {
  if (argumentName === "id") return `${field.name}.id`;
  if (argumentName === "after" || argumentName === "before") return `${getNamedType(field.type).name}.${argumentName}`;
  return argumentName;
}
