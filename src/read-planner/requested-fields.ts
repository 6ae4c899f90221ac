import { FieldNode, GraphQLField, GraphQLObjectType } from "graphql";
// graphql-js's own field collection (fragments, type conditions, @include/@skip): the planner sees what execution sees.
import { collectSubfields } from "graphql/execution/collectFields";
import { getArgumentValues } from "graphql/execution/values";
import stableStringify from "safe-stable-stringify";
import { rolesFor } from "../access/role-guard";
import { roleRules } from "../access/role-rules";
import { NotPlannable, PlanContext } from "./plan-context";

/** One field of an object as a query asks for it, whatever aliases it goes by. */
export interface FieldRequest {
  name: string;
  definition: GraphQLField<unknown, unknown>;
  arguments: Record<string, unknown>;
  /** Every node that asks for it: their selections are merged, as execution merges them. */
  nodes: FieldNode[];
}

/**
 * The fields asked of `type` by `nodes`' selections, by field name. The planned JSON is keyed by
 * field name, so that graphql's default resolver finds each value under any alias; the same field
 * asked twice with other arguments would need two values under one name, so it is not planned.
 * `nodes` may be several aliases of one field (merged by name): under one response key their
 * selections may then hold different fields, or one field with other arguments; each node counts.
 */
export function requestedFields(plan: PlanContext, type: GraphQLObjectType, nodes: ReadonlyArray<FieldNode>): Map<string, FieldRequest> {
  const byResponseKey = collectSubfields(plan.schema, plan.fragments, plan.variables, type, nodes);
  const requests = new Map<string, FieldRequest>();
  const argumentKeys = new Map<string, string>();
  for (const node of [...byResponseKey.values()].flat()) {
    const name = node.name.value;
    if (name === "__typename") continue;
    const definition = type.getFields()[name];
    if (!definition) throw new NotPlannable(`${type.name}.${name} is not a field`);
    // A field the caller's role may not use is left to the role guard's FORBIDDEN, on the resolvers' path.
    if (!rolesFor(roleRules, `${type.name}.${name}`).includes(plan.role)) throw new NotPlannable(`${type.name}.${name} is not for ${plan.role} keys`);
    const argumentValues = getArgumentValues(definition, node, plan.variables);
    const key = stableStringify(argumentValues) ?? "";
    const known = requests.get(name);
    if (known) {
      if (argumentKeys.get(name) !== key) throw new NotPlannable(`${type.name}.${name} is asked with two sets of arguments`);
      known.nodes.push(node);
    } else {
      requests.set(name, { name, definition, arguments: argumentValues, nodes: [node] });
      argumentKeys.set(name, key);
    }
  }
  return requests;
}
