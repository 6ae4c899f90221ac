import { validate, ValidationError, ValidatorOptions } from "class-validator";

/**
 * How every argument's class-validator rules run (type-graphql's `validate` setting): a field left
 * out is not checked, and nested inputs need no `@ValidateNested` on their own class to be checked.
 */
export const inputValidationOptions: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** One broken validation rule, at the path of its field from the argument down (e.g. `input.lines[2].quantity`). */
export interface ValidationProblem {
  field: string;
  message: string;
}

/** The rules an input object breaks, checked as the schema checks arguments; empty when it breaks none. */
export async function validationProblemsOf(input: object, argument: string): Promise<ValidationProblem[]> {
  return flattenValidationErrors(await validate(input, inputValidationOptions), argument);
}

/** class-validator's tree of errors as a flat list, each at its field's path under `parent`. */
export function flattenValidationErrors(errors: ValidationError[], parent: string): ValidationProblem[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutPropertyName(message, error.property) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function childPath(parent: string, property: string | undefined): string {
  if (!property) return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator starts messages with the property name; the field path already says it. */
function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
