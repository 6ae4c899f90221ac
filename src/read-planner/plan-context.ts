import { FragmentDefinitionNode, GraphQLSchema } from "graphql";
import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { Role } from "../access/roles";
import { RuleSet } from "../policies/rule-set";

/** Why a selection is left to the resolvers: the planner accelerates what it knows and never guesses. */
export class NotPlannable extends Error {}

/** What one root field's statement is being built from, and the named parameters it has gathered. */
export class PlanContext {
  private aliases = 0;
  readonly parameters: Record<string, unknown> = {};

  constructor(
    readonly schema: GraphQLSchema,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    readonly variables: Record<string, unknown>,
    readonly scope: DataScope,
    readonly manager: EntityManager,
    readonly role: Role,
    /** The request's rule set: what the policy results' ranks are read against, as the resolvers read them. */
    readonly ruleSet: RuleSet,
  ) {}

  /** A table alias not used elsewhere in the statement. */
  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}_${this.aliases}`;
  }

  /**
   * Takes a sub-query's named parameters into the statement's. The list builders name their
   * parameters after the filter (`:contactSearch`); the same name with two values (the same filter
   * at two levels) cannot share one statement.
   */
  adoptParameters(parameters: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(parameters)) {
      if (name in this.parameters && JSON.stringify(this.parameters[name]) !== JSON.stringify(value)) {
        throw new NotPlannable(`parameter ${name} has two values`);
      }
      this.parameters[name] = value;
    }
  }

  /** A value as a named parameter of the statement. */
  parameter(value: unknown): string {
    const name = this.alias("value");
    this.parameters[name] = value;
    return `:${name}`;
  }
}
