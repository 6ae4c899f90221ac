import { checkCondition, ConditionScope } from "./condition-checks";
import { checkDeclarations, declaredNamesOf } from "./declaration-checks";
import { withDeclaredNames } from "./declared-values";
import { checkEvent } from "./event-checks";
import { JsonDocument, parseJsonDocument } from "./json-document";
import { isRecord, ProblemCollector } from "./problem-collector";
import { findShadowedRules } from "./reachability";
import { hitPolicyOfFamily, PolicyFamily, policyFamilies, RuleFile, RuleFilesByFamily } from "./rule-file";
import { JsonPath, RuleProblem } from "./rule-problem";
import { checkAgainstSchema } from "./schema-check";

export interface RuleFileSource {
  family: PolicyFamily;
  /** As shown to analysts, e.g. rules/tiering.json */
  file: string;
  text: string;
}

export type RuleFilesValidation = { valid: true; files: RuleFilesByFamily } | { valid: false; problems: RuleProblem[] };

interface ParsedFile {
  source: RuleFileSource;
  document?: JsonDocument;
  problems: ProblemCollector;
  fitsSchema: boolean;
}

/**
 * Validates the three rule files together (service priority and retention refer to tiering's tiers):
 * JSON syntax, the JSON Schema, then the semantic checks json-rules-engine does not make. Every problem
 * of every file is returned at once.
 */
export function validateRuleFiles(sources: Record<PolicyFamily, RuleFileSource>): RuleFilesValidation {
  const parsed = Object.fromEntries(policyFamilies.map((family) => [family, parseFile(sources[family])])) as Record<PolicyFamily, ParsedFile>;
  const tiering = parsed.tiering;
  const tieringNames = tiering.fitsSchema ? declaredNamesOf(tiering.document!.value) : undefined;
  for (const family of policyFamilies) {
    const file = parsed[family];
    if (file.fitsSchema) checkSemantics(file, tieringNames);
  }
  const problems = policyFamilies.flatMap((family) => parsed[family].problems.problems);
  if (problems.length > 0) return { valid: false, problems };
  const files = Object.fromEntries(policyFamilies.map((family) => [family, parsed[family].document!.value as RuleFile]));
  return { valid: true, files: files as unknown as RuleFilesByFamily };
}

function parseFile(source: RuleFileSource): ParsedFile {
  const { document, syntaxProblems } = parseJsonDocument(source.text);
  const problems = new ProblemCollector(source.file, document ?? { value: undefined, locate: () => ({ line: 1, column: 1 }) });
  if (!document) {
    problems.problems.push(...syntaxProblems.map((problem) => ({ file: source.file, path: "$", ...problem })));
    return { source, problems, fitsSchema: false };
  }
  const fitsSchema = checkAgainstSchema("ruleFile", document.value, problems, (path) => ruleNameAt(document.value, path));
  if (!fitsSchema) return { source, document, problems, fitsSchema };
  return { source, document: { ...document, value: withDeclaredNames(document.value) }, problems, fitsSchema };
}

function checkSemantics(file: ParsedFile, tieringNames: ReturnType<typeof declaredNamesOf> | undefined): void {
  const value = file.document!.value as RuleFile;
  const { family } = file.source;
  if (value.family !== family) {
    file.problems.report(["family"], `this is the ${family} file (${file.source.file}), but it says "${value.family}"`);
    return;
  }
  if (value.hitPolicy !== hitPolicyOfFamily[family]) {
    file.problems.report(["hitPolicy"], `${family} rules use the "${hitPolicyOfFamily[family]}" hit policy`);
  }
  const ownNames = declaredNamesOf(value);
  const declared = { ...ownNames, tiers: tieringNames?.tiers, lifecycleStages: tieringNames?.lifecycleStages };
  checkDeclarations(value, declared, file.problems);
  const scope: ConditionScope = {
    family,
    declaredValues: tieringNames && { tiers: tieringNames.tiers ?? [], lifecycleStages: tieringNames.lifecycleStages ?? [] },
  };
  checkRules(value, scope, declared, file.problems);
}

function checkRules(value: RuleFile, scope: ConditionScope, declared: ReturnType<typeof declaredNamesOf>, problems: ProblemCollector): void {
  const seenNames = new Map<string, number>();
  value.rules.forEach((rule, index) => {
    const path: JsonPath = ["rules", index];
    const firstIndex = seenNames.get(rule.name);
    if (firstIndex !== undefined)
      problems.report([...path, "name"], `two rules are named "${rule.name}" (the other is rules[${firstIndex}]); names must be unique`, rule.name);
    else seenNames.set(rule.name, index);
    checkCondition(rule.conditions, [...path, "conditions"], scope, problems, rule.name);
    checkEvent(value.family, rule.event, [...path, "event"], declared, problems, rule.name);
  });
  if (value.hitPolicy !== "first") return;
  const ranked = value.rules.map((rule, index) => ({
    index,
    name: rule.name,
    priority: rule.priority,
    eventType: rule.event.type,
    conditions: rule.conditions,
  }));
  for (const { rule, shadowedBy } of findShadowedRules(ranked)) {
    problems.report(
      ["rules", rule.index],
      `this rule can never decide the ${rule.eventType}: rule "${shadowedBy.name}" (priority ${shadowedBy.priority}) runs first and matches every case this one matches. Give this rule a higher priority or narrow the other one`,
      rule.name,
    );
  }
}

function ruleNameAt(value: unknown, path: JsonPath): string | undefined {
  if (path[0] !== "rules" || typeof path[1] !== "number" || !isRecord(value) || !Array.isArray(value.rules)) return undefined;
  const rule: unknown = value.rules[path[1]];
  return isRecord(rule) && typeof rule.name === "string" ? rule.name : undefined;
}
