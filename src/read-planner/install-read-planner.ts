import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from "graphql";
import { RequestContext } from "../graphql/request-context";
import { isDatabaseUnavailable } from "../database/database-availability";
import { logger } from "../logging/logger";
import { ClientError } from "../shared/errors";
import { plannedMarker } from "./object-sql";
import { accountByIdSql, rootListPlans } from "./object-plans";
import { NotPlannable, PlanContext } from "./plan-context";
import { completesWithoutErrors } from "./planned-value-check";
import { FieldRequest } from "./requested-fields";

type RootPlan = (request: FieldRequest, plan: PlanContext) => string;

/** The root fields read by one planned statement each. */
const rootPlans: Readonly<Record<string, RootPlan>> = { ...rootListPlans, account: accountByIdSql };

/**
 * Puts the read planner in front of the resolvers: each planned root field is read by one SQL
 * statement that returns the subtree as JSON, shaped and formatted as the API shows it. A field
 * with a resolver of its own returns the planned value when its parent was planned. Whatever the
 * planner does not know (a field, an argument it cannot check, a role's forbidden field) goes to
 * the resolvers, so the two paths give the same answers (test/read-planner proves it).
 */
export function installReadPlanner(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      const original = field.resolve;
      if (type === schema.getQueryType()) {
        const rootPlan = rootPlans[field.name];
        if (rootPlan && original) field.resolve = plannedRoot(rootPlan, original);
      } else if (original) {
        field.resolve = (source: Record<string, unknown>, args, context, info) =>
          source[plannedMarker] === true ? source[info.fieldName] : original(source, args, context, info);
      }
    }
  }
  return schema;
}

function plannedRoot(rootPlan: RootPlan, original: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> {
  return async (source, args: Record<string, unknown>, context, info) => {
    try {
      return await readPlanned(rootPlan, args, context, info);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      // Not planned, a client's mistake (the resolver reports it, in its words), or a statement of the
      // planner's own that failed: the resolvers answer, as they always could.
      if (!(error instanceof NotPlannable) && !(error instanceof ClientError))
        logger.warn({ err: error, field: info.fieldName }, "read planner: planned statement failed; resolved instead");
      return original(source, args, context, info);
    }
  };
}

async function readPlanned(rootPlan: RootPlan, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo): Promise<unknown> {
  const request: FieldRequest = { name: info.fieldName, definition: info.parentType.getFields()[info.fieldName], arguments: args, nodes: [...info.fieldNodes] };
  return context.scope.read(async (manager) => {
    const plan = new PlanContext(info.schema, info.fragments, info.variableValues, context.scope, manager, context.caller.role, context.ruleSet);
    const sql = rootPlan(request, plan);
    const [statement, parameters] = manager.connection.driver.escapeQueryWithParameters(`SELECT ${sql} AS value`, plan.parameters);
    const [row]: Array<{ value: unknown }> = await manager.query(statement, parameters);
    if (!completesWithoutErrors(row.value, info.returnType)) throw new NotPlannable(`${info.fieldName}: the planned answer holds a value its type refuses`);
    return row.value;
  });
}
