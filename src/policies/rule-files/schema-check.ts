import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { closestName, didYouMean, ProblemCollector, ProblemText } from "./problem-collector";
import { buildRuleFileJsonSchema, buildRuleTestsJsonSchema } from "./rules-json-schema";
import { JsonPath } from "./rule-problem";

let validators: { ruleFile: ValidateFunction; ruleTests: ValidateFunction } | undefined;

function compiledValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validators = { ruleFile: ajv.compile(buildRuleFileJsonSchema()), ruleTests: ajv.compile(buildRuleTestsJsonSchema()) };
  }
  return validators;
}

/** Checks a parsed file against its JSON Schema and reports each error in an analyst's words; true when it fits. */
export function checkAgainstSchema(
  kind: "ruleFile" | "ruleTests",
  value: unknown,
  problems: ProblemCollector,
  ruleNameAt: (path: JsonPath) => string | undefined,
): boolean {
  const validate = compiledValidators()[kind];
  if (validate(value)) return true;
  for (const error of relevantErrors(validate.errors ?? [])) {
    const path = toPath(error);
    problems.report(path, describeSchemaError(error), ruleNameAt(path));
  }
  return false;
}

/** An additionalProperties error also fails the "dependencies" and "if" keywords around it: keep the clearest. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((error) => error.keyword !== "if");
}

function toPath(error: ErrorObject): JsonPath {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
  return segments;
}

function describeSchemaError(error: ErrorObject): ProblemText {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { message: `"${String(params.missingProperty)}" is missing`, fix: `add "${String(params.missingProperty)}"` };
    case "additionalProperties":
      return describeUnknownField(String(params.additionalProperty), Object.keys((error.parentSchema?.properties as object) ?? {}));
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value));
      const suggestion = typeof error.data === "string" ? didYouMean(error.data, (params.allowedValues as unknown[]).map(String)) : "";
      return {
        message: `${JSON.stringify(error.data)} is not allowed here.${suggestion} It can be: ${allowed.join(", ")}`,
        fix: `write one of ${allowed.join(", ")}`,
      };
    }
    case "type":
      return {
        message: `must be ${describeType(String(params.type))}, not ${JSON.stringify(error.data)}`,
        fix: `write ${describeType(String(params.type))} here`,
      };
    case "dependencies":
      return `"${String(params.property)}" needs "${String(params.missingProperty)}" beside it`;
    case "minLength":
      return Number(params.limit) === 1 ? "must not be empty" : `must be at least ${String(params.limit)} characters long`;
    case "maxLength":
      return `must be at most ${String(params.limit)} characters long`;
    case "pattern":
      return `${JSON.stringify(error.data)} must be a lower-case name such as gold or at_risk`;
    default:
      return error.message ?? "is not valid here";
  }
}

function describeUnknownField(field: string, known: string[]): ProblemText {
  if (field === "path" || field === "params") {
    return { message: `"${field}" is not allowed: facts are plain values (see rules/FACTS.md), nothing to look inside`, fix: `remove "${field}"` };
  }
  if (field === "condition") return { message: `shared conditions are not allowed: write the conditions out in the rule`, fix: `remove "condition"` };
  const meant = closestName(field, known);
  return {
    message: `"${field}" is not a field here.${didYouMean(field, known)}${known.length ? ` Fields: ${known.join(", ")}` : ""}`,
    fix: meant === undefined ? `remove "${field}"` : `rename "${field}" to "${meant}"`,
  };
}

function describeType(type: string): string {
  const words: Record<string, string> = {
    integer: "a whole number",
    number: "a number",
    string: "text",
    boolean: "true or false",
    object: "an object { }",
    array: "a list [ ]",
  };
  return type
    .split(",")
    .map((part) => words[part] ?? part)
    .join(" or ");
}
