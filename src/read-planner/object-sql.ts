import { FieldNode, getNamedType, GraphQLObjectType, isObjectType } from "graphql";
import { FieldRequest, requestedFields } from "./requested-fields";
import { NotPlannable, PlanContext } from "./plan-context";

/** The SQL of one field's value, over the alias of the row that holds it. */
export type FieldSql = (request: FieldRequest, row: string, plan: PlanContext) => string;

/** How the planner writes each field of an object type it knows; a field it does not list is never planned. */
export type ObjectPlan = Readonly<Record<string, FieldSql>>;

/**
 * Marks planned objects: a field that has a resolver of its own (an entity's relation, a renamed id)
 * reads a planned object's value instead of running (see install-read-planner.ts).
 */
export const plannedMarker = "$planned";

/**
 * What SQL writes where it cannot give the resolvers' answer for the row at hand (e.g. a value the
 * resolver fails on): the answer then goes to the resolvers (see planned-value-check.ts).
 */
export const refusedMarker = "$refused";

export function refusedSql(reason: string): string {
  return `json_build_object('${refusedMarker}', '${reason.replaceAll("'", "''")}')`;
}

/** `json_build_object` of the requested fields, each under its field name. */
export function jsonObjectSql(type: GraphQLObjectType, nodes: ReadonlyArray<FieldNode>, plan: PlanContext, valueOf: (request: FieldRequest) => string): string {
  const pairs = [`'${plannedMarker}', true`];
  for (const request of requestedFields(plan, type, nodes).values()) pairs.push(`'${request.name}', ${valueOf(request)}`);
  // json_build_object takes at most 100 arguments.
  if (pairs.length > 50) throw new NotPlannable(`${type.name}: too many fields for one object`);
  return `json_build_object(${pairs.join(", ")})`;
}

/** The object a field returns, written by its type's plan over `row`. */
export function objectSql(request: FieldRequest, row: string, plan: PlanContext, plans: Readonly<Record<string, ObjectPlan>>): string {
  const type = objectTypeOf(request);
  const objectPlan = plans[type.name];
  if (!objectPlan) throw new NotPlannable(`${type.name} has no plan`);
  return jsonObjectSql(type, request.nodes, plan, (field) => {
    const fieldSql = objectPlan[field.name];
    if (!fieldSql) throw new NotPlannable(`${type.name}.${field.name} has no plan`);
    return fieldSql(field, row, plan);
  });
}

/**
 * An object made of expressions known beforehand (a Money from two columns, a Contract from three);
 * an expression that takes a parameter of the statement is a function, called only when its field is asked for.
 */
export function objectOfExpressions(request: FieldRequest, plan: PlanContext, expressions: Readonly<Record<string, string | (() => string)>>): string {
  const type = objectTypeOf(request);
  return jsonObjectSql(type, request.nodes, plan, (field) => {
    const expression = expressions[field.name];
    if (expression === undefined) throw new NotPlannable(`${type.name}.${field.name} has no plan`);
    return typeof expression === "function" ? expression() : expression;
  });
}

export function objectTypeOf(request: FieldRequest): GraphQLObjectType {
  const type = getNamedType(request.definition.type);
  if (!isObjectType(type)) throw new NotPlannable(`${request.name} is not an object`);
  return type;
}
