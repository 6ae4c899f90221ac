import { DeclaredNames } from "./event-checks";
import { checkBusinessHours } from "./business-hours-checks";
import { didYouMean, isRecord, ProblemCollector } from "./problem-collector";
import { priorityLevels, RetentionFile, RuleFile, ServicePriorityFile, TieringFile } from "./rule-file";

/** The names a file declares (tiers, stages, lanes), read defensively from a schema-checked value. */
export function declaredNamesOf(value: unknown): DeclaredNames {
  if (!isRecord(value)) return {};
  const names = (key: string) => (Array.isArray(value[key]) ? (value[key] as string[]) : undefined);
  return { tiers: names("tiers"), lifecycleStages: names("lifecycleStages"), lanes: names("lanes") };
}

/** Checks the family's declarations: a default built from declared names, targets for every tier, ordered risk levels. */
export function checkDeclarations(file: RuleFile, declared: DeclaredNames, problems: ProblemCollector): void {
  switch (file.family) {
    case "tiering":
      return checkTiering(file, problems);
    case "service-priority":
      return checkServicePriority(file, declared, problems);
    case "retention-barriers":
      return checkRetention(file, problems);
  }
}

function checkTiering(file: TieringFile, problems: ProblemCollector): void {
  checkRequiredFields(file, ["tiers", "lifecycleStages"], problems);
  checkListedOnce(file, ["tiers", "lifecycleStages"], problems);
  checkDefault(file.default, { tier: file.tiers, lifecycleStage: file.lifecycleStages }, problems);
}

function checkServicePriority(file: ServicePriorityFile, declared: DeclaredNames, problems: ProblemCollector): void {
  checkRequiredFields(file, ["lanes", "targets"], problems);
  checkListedOnce(file, ["lanes"], problems);
  checkLevels(file.levels, problems);
  checkDefault(file.default, { level: priorityLevels, lane: file.lanes }, problems);
  checkBusinessHours(file, problems);
  if (!isRecord(file.targets) || !declared.tiers) return;
  for (const tier of declared.tiers) {
    if (!(tier in file.targets)) {
      problems.report(["targets"], `the tier "${tier}" has no service targets: add "targets": { "${tier}": { "P1": ..., "P4": ... } }`);
    }
  }
  for (const [tier, targetsOfTier] of Object.entries(file.targets)) {
    if (!declared.tiers.includes(tier)) {
      problems.report(["targets", tier], {
        message: `"${tier}" is not a tier in rules/tiering.json.${didYouMean(tier, declared.tiers)}`,
        fix: `name one of the tiers (${declared.tiers.join(", ")}), or declare "${tier}" in tiers of rules/tiering.json first`,
      });
    }
    for (const level of priorityLevels) {
      const target = targetsOfTier?.[level];
      if (target && target.firstResponseMinutes > target.resolutionMinutes) {
        problems.report(
          ["targets", tier, level],
          `the first response (${target.firstResponseMinutes} min) cannot come after the resolution (${target.resolutionMinutes} min)`,
        );
      }
    }
  }
}

function checkRetention(file: RetentionFile, problems: ProblemCollector): void {
  checkRequiredFields(file, ["riskLevels"], problems);
  if (!Array.isArray(file.riskLevels)) return;
  const levels = file.riskLevels.map((risk) => risk.level);
  file.riskLevels.forEach((risk, index) => {
    if (levels.indexOf(risk.level) !== index) problems.report(["riskLevels", index, "level"], `the risk level "${risk.level}" is listed twice`);
    const above = file.riskLevels[index - 1];
    if (above && risk.minScore >= above.minScore) {
      problems.report(["riskLevels", index, "minScore"], `list risk levels highest first: ${risk.minScore} is not below "${above.level}" (${above.minScore})`);
    }
  });
  const lowest = file.riskLevels.at(-1);
  if (lowest && lowest.minScore !== 0)
    problems.report(["riskLevels", file.riskLevels.length - 1, "minScore"], `the lowest risk level needs minScore 0, so that every score has a level`);
  checkDefault(file.default, { risk: levels }, problems);
}

/** Each name once in its list: its rank is its place in the list. */
function checkListedOnce<File extends RuleFile>(file: File, fields: ReadonlyArray<keyof File & string>, problems: ProblemCollector): void {
  for (const field of fields) {
    const names = file[field];
    if (!Array.isArray(names)) continue;
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        problems.report([field, index], {
          message: `"${String(name)}" is listed twice in ${field}`,
          fix: `remove this one: its place in ${field} is its rank`,
        });
      }
    });
  }
}

/** The levels are fixed: a file that describes them lists all four, in their order, so that nobody reads an order into it that is not there. */
function checkLevels(levels: readonly string[] | undefined, problems: ProblemCollector): void {
  if (levels === undefined || levels.join() === priorityLevels.join()) return;
  problems.report(["levels"], `list the levels ${priorityLevels.join(", ")}, each once and in that order (they are fixed; you describe them)`);
}

function checkRequiredFields(file: RuleFile, fields: string[], problems: ProblemCollector): void {
  for (const field of fields) {
    if (!(field in file)) problems.report([], `a ${file.family} file needs "${field}"`);
  }
}

/** The default names exactly these outcomes, each one of the declared names. */
function checkDefault(outcome: Record<string, string>, allowed: Record<string, readonly string[] | undefined>, problems: ProblemCollector): void {
  for (const [key, values] of Object.entries(allowed)) {
    const value = outcome[key];
    if (value === undefined) problems.report(["default"], `the default needs "${key}"`);
    else if (values && !values.includes(value)) {
      problems.report(["default", key], {
        message: `"${value}" is not declared.${didYouMean(value, values)} It can be: ${values.join(", ")}`,
        fix: `write one of ${values.map((known) => `"${known}"`).join(", ")}, or declare "${value}" first`,
      });
    }
  }
  for (const key of Object.keys(outcome)) {
    if (!(key in allowed)) problems.report(["default", key], `the default has no "${key}"; it takes: ${Object.keys(allowed).join(", ")}`);
  }
}
