import { isRecord } from "./problem-collector";
import { DeclarationField, DeclaredValueText } from "./rule-file";

/** The fields that declare a list of names, each written bare or with a description. */
const nameListFields = ["tiers", "lifecycleStages", "lanes", "levels"] as const;

/**
 * A schema-checked file with each declared value reduced to its name, in place (same order, same
 * indices, so that problems still point at the analyst's text), and what the analysts wrote about the
 * values gathered in `valueDescriptions`. The checks and the engines then deal in names only.
 */
export function withDeclaredNames(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const descriptions: Partial<Record<DeclarationField, Record<string, string>>> = {};
  const describe = (field: DeclarationField, name: string, description: string | undefined) => {
    if (description !== undefined) (descriptions[field] ??= {})[name] = description;
  };
  const named: Record<string, unknown> = { ...value };
  for (const field of nameListFields) {
    const list = value[field];
    if (!Array.isArray(list)) continue;
    named[field] = (list as DeclaredValueText[]).map((item) => {
      if (typeof item === "string") return item;
      describe(field, item.name, item.description);
      return item.name;
    });
  }
  if (Array.isArray(value.riskLevels)) {
    for (const risk of value.riskLevels as Array<{ level: string; description?: string }>) describe("riskLevels", risk.level, risk.description);
  }
  named.valueDescriptions = descriptions;
  return named;
}
