import { GraphQLInputField, GraphQLInputObjectType, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from "graphql";
import { Random } from "./random";

/** What the seeded graph holds, for arguments that find something: ids, cursors from first pages, words. */
export interface GraphSample {
  /** Global ids by type name (Account, Contact, Order, Ticket, Partner, AccountManager). */
  ids: Record<string, string[]>;
  /** Cursors of first pages, by connection type (AccountConnection...). */
  cursors: Record<string, string[]>;
  /** Values seen in the graph, by the name of the argument or input field they fit (industry, tier, search...). */
  words: Record<string, string[]>;
}

const idTypeByHint: Record<string, string> = {
  accountId: "Account",
  partnerId: "Partner",
  contactId: "Contact",
  accountManagerId: "AccountManager",
  "account.id": "Account",
};

/**
 * Argument values drawn for an input type, as a client would write them in JSON (enums by name).
 * `hint` is the argument's or input field's name (the field's too for `id`): it says which ids,
 * cursors or words fit. Now and then a value that finds nothing, or fails (a page of 0, a bad cursor).
 */
export class RandomValues {
  constructor(
    private readonly random: Random,
    private readonly sample: GraphSample,
  ) {}

  value(type: GraphQLInputType, hint: string): unknown {
    if (isNonNullType(type)) return this.present(type.ofType, hint);
    return this.random.chance(0.04) ? null : this.present(type, hint);
  }

  /** The required fields of an input object and a few others; defaults mostly left to the server. */
  fieldsToWrite(type: GraphQLInputObjectType): GraphQLInputField[] {
    const fields = Object.values(type.getFields());
    const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return [
      ...required,
      ...this.random.some(
        fields.filter((field) => !required.includes(field)),
        0,
        2,
      ),
    ];
  }

  /** A value of the wrong kind for the type, for variables that must be refused. */
  misfit(type: GraphQLInputType): unknown {
    const named = isNonNullType(type) ? type.ofType : type;
    if (isListType(named)) return [this.misfit(named.ofType)];
    if (isInputObjectType(named)) return this.random.pick(["not an object", { notAField: 1 }]);
    if (isEnumType(named)) return "NOT_A_VALUE";
    return named.name === "String" || named.name === "ID" ? this.random.pick([true, 12.5]) : "not a number";
  }

  /** Never null. */
  present(type: GraphQLInputType, hint: string): unknown {
    if (isNonNullType(type)) return this.present(type.ofType, hint);
    if (isListType(type)) {
      // A single value stands for a list of one: both coercions must wrap it alike.
      if (this.random.chance(0.1)) return this.value(type.ofType, hint);
      return Array.from({ length: this.random.integer(1, 3) }, () => this.value(type.ofType, hint));
    }
    if (isInputObjectType(type)) return Object.fromEntries(this.fieldsToWrite(type).map((field) => [field.name, this.value(field.type, field.name)]));
    if (isEnumType(type)) return this.random.pick(type.getValues()).name;
    if (isScalarType(type)) return this.scalar(type.name, hint);
    throw new Error(`No values for ${String(type)}`);
  }

  private scalar(typeName: string, hint: string): unknown {
    switch (typeName) {
      case "ID":
        return this.id(hint);
      case "String":
        return this.string(hint);
      case "Int":
        if (hint === "first" || hint === "last") return this.random.chance(0.04) ? this.random.pick([0, 101, -1]) : this.random.integer(1, 5);
        return this.random.integer(0, 20);
      case "Boolean":
        return this.random.chance(0.5);
      case "LocalDate":
        return `20${this.random.integer(18, 26)}-0${this.random.integer(1, 9)}-${this.random.integer(10, 28)}`;
      case "DateTime":
        return `20${this.random.integer(20, 26)}-0${this.random.integer(1, 9)}-1${this.random.integer(0, 9)}T${this.random.integer(10, 23)}:30:00${this.random.pick(["Z", ".250Z", "+02:00"])}`;
      case "SafeInt":
        return this.random.integer(0, 500_000);
      case "Currency":
        return this.random.pick(["USD", "EUR", "GBP", "JPY"]);
      default:
        throw new Error(`No values for the scalar ${typeName}`);
    }
  }

  private id(hint: string): string {
    const typeName = idTypeByHint[hint] ?? this.random.pick(Object.keys(this.sample.ids));
    if (this.random.chance(0.05)) return this.random.pick(["not-a-global-id", "QWNjb3VudDpub3QtYS11dWlk"]);
    const ids = this.random.chance(0.9) ? this.sample.ids[typeName] : undefined;
    return this.random.pick(ids ?? Object.values(this.sample.ids).flat());
  }

  private string(hint: string): string {
    // `after`, or `AccountConnection.after` where the list is known.
    const [connection, page] = hint.includes(".") ? hint.split(".") : [undefined, hint];
    if (page === "after" || page === "before") {
      const cursors = this.sample.cursors[connection ?? ""] ?? Object.values(this.sample.cursors).flat();
      return this.random.chance(0.9) ? this.random.pick(cursors) : "bm90IGEgY3Vyc29y";
    }
    const words = this.sample.words[hint];
    return words?.length ? this.random.pick(words) : this.random.pick(["a", "zz", ""]);
  }
}

/** The value as a GraphQL literal of its type: enums bare, everything else as in JSON. */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return "null";
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((item) => literal(item, type.ofType)).join(", ")}]` : literal(value, type.ofType);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>).map(([name, fieldValue]) => `${name}: ${literal(fieldValue, fields[name].type)}`);
    return `{ ${entries.join(", ")} }`;
  }
  if (isEnumType(type)) return typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(value);
}
