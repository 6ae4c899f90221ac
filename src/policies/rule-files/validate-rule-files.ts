import { checkCondition, ConditionScope } from "./condition-checks";
import { checkDeclarations, declaredNamesOf } from "./declaration-checks";
import { withDeclaredNames } from "./declared-values";
import { checkEvent, DeclaredNames } from "./event-checks";
import { JsonDocument, parseJsonDocument } from "./json-document";
import { isRecord, ProblemCollector } from "./problem-collector";
import { findShadowedRules } from "./reachability";
import { hitPolicyOfFamily, PolicyFamily, policyFamilies, PolicyRule, RuleFile, RuleFilesByFamily } from "./rule-file";
import { ruleLimits, checkRuleLimits } from "./rule-limits";
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
  /** Whether everything but the rules fits the JSON Schema: the declarations' checks read it as the types say. */
  declarationsFit: boolean;
}

/**
 * Validates the three rule files together (service priority and retention refer to tiering's tiers):
 * JSON syntax, the JSON Schema, then the semantic checks json-rules-engine does not make, over every part
 * the JSON Schema found well-formed (a misshapen rule does not hide an unknown fact in the next one). Every
 * problem of every file is returned at once.
 */
export function validateRuleFiles(sources: Record<PolicyFamily, RuleFileSource>): RuleFilesValidation {
  const parsed = Object.fromEntries(policyFamilies.map((family) => [family, parseFile(sources[family])])) as Record<PolicyFamily, ParsedFile>;
  const tiering = parsed.tiering;
  const tieringNames = tiering.declarationsFit ? declaredNamesOf(tiering.document!.value) : undefined;
  for (const family of policyFamilies) {
    const file = parsed[family];
    if (file.document) checkSemantics(file, tieringNames);
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
    problems.problems.push(...syntaxProblems.map((problem) => ({ file: source.file, path: "$", ...problem, fix: syntaxFix })));
    return { source, problems, declarationsFit: false };
  }
  checkAgainstSchema("ruleFile", document.value, problems, (path) => ruleNameAt(document.value, path));
  problems.endSchemaCheck();
  // Problems in the rules leave the declarations readable; a problem anywhere else does not.
  const declarationsFit = problems.problems.every((problem) => /^\$\.rules(\[|$)/.test(problem.path));
  if (!declarationsFit) return { source, document, problems, declarationsFit };
  return { source, document: { ...document, value: withDeclaredNames(document.value) }, problems, declarationsFit };
}

const syntaxFix = "look at the line and the one before it for a missing comma, quote or bracket; JSON has no comments and no comma after the last item";

function checkSemantics(file: ParsedFile, tieringNames: DeclaredNames | undefined): void {
  const value = file.document!.value;
  if (!isRecord(value)) return; // The JSON Schema reports it.
  const { family } = file.source;
  if (isPolicyFamily(value.family) && value.family !== family) {
    file.problems.report(["family"], {
      message: `this is the ${family} file (${file.source.file}), but it says "${value.family}"`,
      fix: `put the ${value.family} rules in rules/${value.family}.json, or write "family": "${family}" if this is the ${family} file`,
    });
    return;
  }
  let declared: DeclaredNames = { tiers: tieringNames?.tiers, lifecycleStages: tieringNames?.lifecycleStages };
  if (file.declarationsFit) {
    const ruleFile = value as unknown as RuleFile;
    if (ruleFile.hitPolicy !== hitPolicyOfFamily[family]) {
      file.problems.report(["hitPolicy"], {
        message: `${family} rules use the "${hitPolicyOfFamily[family]}" hit policy`,
        fix: `write "hitPolicy": "${hitPolicyOfFamily[family]}"`,
      });
    }
    declared = { ...declaredNamesOf(value), ...declared };
    checkDeclarations(ruleFile, declared, file.problems);
  }
  if (!Array.isArray(value.rules)) return;
  checkRuleLimits(family, value.rules, file.problems);
  const scope: ConditionScope = {
    family,
    declaredValues: tieringNames && { tiers: tieringNames.tiers ?? [], lifecycleStages: tieringNames.lifecycleStages ?? [] },
  };
  checkRules(value.rules, scope, declared, file.problems);
  if (value.hitPolicy === "first") checkReachability(value.rules, file.problems);
}

function isPolicyFamily(value: unknown): value is PolicyFamily {
  return (policyFamilies as readonly unknown[]).includes(value);
}

/** Each rule's name, conditions and event, as far as the JSON Schema found them well-formed. */
function checkRules(rules: readonly unknown[], scope: ConditionScope, declared: DeclaredNames, problems: ProblemCollector): void {
  const seenNames = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!isRecord(rule)) return; // The JSON Schema reports it.
    const path: JsonPath = ["rules", index];
    const name = typeof rule.name === "string" ? rule.name : "";
    const firstIndex = seenNames.get(name);
    if (firstIndex !== undefined) {
      problems.report(
        [...path, "name"],
        { message: `two rules are named "${name}" (the other is rules[${firstIndex}]); names must be unique`, fix: "give one of the two a name of its own" },
        name,
      );
    } else if (name) seenNames.set(name, index);
    checkCondition(rule.conditions, [...path, "conditions"], scope, problems, name);
    if (!problems.isMalformed([...path, "event"])) checkEvent(scope.family, rule.event, [...path, "event"], declared, problems, name);
  });
}

/**
 * Under first match, a rule that can never decide. Compares every pair of rules: over the limit of rules
 * per family that is reported instead, and this waits until the file is back within it.
 */
function checkReachability(rules: readonly unknown[], problems: ProblemCollector): void {
  if (rules.length > ruleLimits.rulesPerFamily) return;
  const ranked = (rules as PolicyRule[])
    .map((rule, index) => ({ rule, index }))
    .filter(({ index }) => !problems.isMalformed(["rules", index]))
    .map(({ rule, index }) => ({ index, name: rule.name, priority: rule.priority, eventType: rule.event.type, conditions: rule.conditions }));
  for (const { rule, shadowedBy } of findShadowedRules(ranked)) {
    problems.report(
      ["rules", rule.index],
      {
        message: `this rule can never decide the ${rule.eventType}: rule "${shadowedBy.name}" (priority ${shadowedBy.priority}) runs first and matches every case this one matches. Give this rule a higher priority or narrow the other one`,
        fix: `give this rule a priority above ${shadowedBy.priority}, or narrow rule "${shadowedBy.name}" so that it leaves this rule's cases alone`,
      },
      rule.name,
    );
  }
}

function ruleNameAt(value: unknown, path: JsonPath): string | undefined {
  if (path[0] !== "rules" || typeof path[1] !== "number" || !isRecord(value) || !Array.isArray(value.rules)) return undefined;
  const rule: unknown = value.rules[path[1]];
  return isRecord(rule) && typeof rule.name === "string" ? rule.name : undefined;
}
