import {
  defaultFieldResolver,
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { ForbiddenError } from "../shared/errors";
import { Role, roles } from "./roles";

/**
 * Which roles may use what, keyed by schema coordinate: `Type` (the default for its fields or
 * values), `Type.field`, `Type.field(argument:)`, `InputType.field` or `Enum.VALUE`.
 */
export type RoleRules = Readonly<Record<string, readonly Role[]>>;

/** What the guard needs of a request's context. */
interface CallerContext {
  caller: { role: Role };
}

type GuardedField = GraphQLField<unknown, CallerContext, Record<string, unknown>>;

/**
 * The roles that may use a coordinate: its own rule, else its type's (an argument's: its field's),
 * else every role.
 */
export function rolesFor(rules: RoleRules, coordinate: string): readonly Role[] {
  const argumentOf = /^(.*)\(\w+:\)$/.exec(coordinate);
  if (argumentOf) return rules[coordinate] ?? rolesFor(rules, argumentOf[1]);
  return rules[coordinate] ?? rules[coordinate.split(".")[0]] ?? roles;
}

/**
 * Puts the rules in front of the resolvers they concern, plain fields of simple-resolver types
 * included: a caller whose role may not use a field, or an argument or input value it was given,
 * gets FORBIDDEN before the resolver (and any SQL) runs. A rule naming nothing in the schema is a
 * start-up error: a misspelt rule would otherwise leave its field open.
 */
export function applyRoleRules(schema: GraphQLSchema, rules: RoleRules): GraphQLSchema {
  for (const coordinate of Object.keys(rules)) {
    if (!inSchema(schema, coordinate)) throw new Error(`Role rule "${coordinate}": no such type, field, argument, input field or enum value in the schema`);
  }
  const carrying = inputTypesCarryingRules(schema, rules);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    // graphql-js types resolvers' sources and contexts as any; every resolver of this schema gets a caller's context.
    for (const field of Object.values(type.getFields())) guardField(`${type.name}.${field.name}`, field as GuardedField, rules, carrying);
  }
  return schema;
}

function guardField(coordinate: string, field: GuardedField, rules: RoleRules, carrying: Set<string>): void {
  const allowed = rolesFor(rules, coordinate);
  const guardedArguments = field.args.filter((argument) => `${coordinate}(${argument.name}:)` in rules || carrying.has(getNamedType(argument.type).name));
  if (roles.every((role) => allowed.includes(role)) && guardedArguments.length === 0) return;
  // Replaced in place: the schema stays the one type-graphql built, its SDL unchanged.
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    const role = context.caller.role;
    if (!allowed.includes(role)) throw forbidden(role, coordinate, allowed);
    for (const argument of guardedArguments) {
      const value = args[argument.name];
      if (value === undefined) continue;
      checkRule(rules, role, `${coordinate}(${argument.name}:)`, argument.name);
      checkValue(rules, carrying, role, argument.type, value, argument.name);
    }
    return resolve(source, args, context, info);
  };
}

/** Walks a coerced argument value: every input field given (even as null) and every enum value must be allowed. */
function checkValue(rules: RoleRules, carrying: Set<string>, role: Role, type: GraphQLInputType, value: unknown, path: string): void {
  if (value === null || !carrying.has(getNamedType(type).name)) return;
  if (isNonNullType(type)) return checkValue(rules, carrying, role, type.ofType, value, path);
  if (isListType(type)) {
    (value as unknown[]).forEach((item, index) => checkValue(rules, carrying, role, type.ofType, item, `${path}[${index}]`));
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      if (fieldValue === undefined) continue;
      checkRule(rules, role, `${type.name}.${field.name}`, `${path}.${field.name}`);
      checkValue(rules, carrying, role, field.type, fieldValue, `${path}.${field.name}`);
    }
  } else if (isEnumType(type)) {
    const enumValue = type.getValues().find((candidate) => candidate.value === value);
    if (enumValue) checkRule(rules, role, `${type.name}.${enumValue.name}`, path);
  }
}

function checkRule(rules: RoleRules, role: Role, coordinate: string, path: string): void {
  const allowed = rolesFor(rules, coordinate);
  if (!allowed.includes(role)) throw forbidden(role, coordinate, allowed, path);
}

function forbidden(role: Role, coordinate: string, allowed: readonly Role[], path?: string): ForbiddenError {
  const what = path === undefined ? coordinate : `${path} (${coordinate})`;
  return new ForbiddenError(`${what} is not available to ${role} keys; it is for ${allowed.join(" and ")} keys`, path);
}

/** Input types and enums with a rule on them or somewhere inside: only arguments of these types are walked. */
function inputTypesCarryingRules(schema: GraphQLSchema, rules: RoleRules): Set<string> {
  const ruled = Object.keys(rules).map((coordinate) => coordinate.split(".")[0]);
  const carrying = new Set(ruled.filter((name) => isInputObjectType(schema.getType(name)) || isEnumType(schema.getType(name))));
  // Outward to the input types that contain one of them, until no more are found (input types may nest in cycles).
  for (let grew = true; grew;) {
    grew = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || carrying.has(type.name)) continue;
      if (Object.values(type.getFields()).some((field) => carrying.has(getNamedType(field.type).name))) {
        carrying.add(type.name);
        grew = true;
      }
    }
  }
  return carrying;
}

function inSchema(schema: GraphQLSchema, coordinate: string): boolean {
  const [, typeName, memberName, argumentName] = /^(\w+)(?:\.(\w+)(?:\((\w+):\))?)?$/.exec(coordinate) ?? [];
  const type = typeName === undefined ? undefined : schema.getType(typeName);
  if (!isObjectType(type) && !isInputObjectType(type) && !isEnumType(type)) return false;
  if (memberName === undefined) return true;
  if (isEnumType(type)) return argumentName === undefined && type.getValue(memberName) !== undefined;
  if (argumentName === undefined) return memberName in type.getFields();
  return isObjectType(type) && type.getFields()[memberName]?.args.some((argument) => argument.name === argumentName) === true;
}
