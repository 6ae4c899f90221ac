import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { RetentionPolicy } from "./evaluation/retention-policy";
import { PolicyVocabulary, vocabularyOf } from "./policy-vocabulary";
import { ServicePriorityPolicy } from "./evaluation/service-priority-policy";
import { TieringPolicy } from "./evaluation/tiering-policy";
import { PolicyFamily, policyFamilies, RuleFilesByFamily } from "./rule-files/rule-file";
import { RuleProblem } from "./rule-files/rule-problem";
import { RuleFileSource, validateRuleFiles } from "./rule-files/validate-rule-files";

/**
 * One validated version of the three rule files with their engines built: immutable, so a request
 * (or a background run) that starts on it finishes on it while a newer version is swapped in.
 */
export interface RuleSet {
  /** The content hash of the three files: what every result records. */
  version: string;
  loadedAt: Date;
  files: Readonly<RuleFilesByFamily>;
  sources: Readonly<Record<PolicyFamily, RuleFileSource>>;
  tiering: TieringPolicy;
  servicePriority: ServicePriorityPolicy;
  retention: RetentionPolicy;
  /** The values each decision can take, in order, with the analysts' descriptions: what the API ranks by. */
  vocabulary: PolicyVocabulary;
}

export type RuleSetLoad = { loaded: true; ruleSet: RuleSet } | { loaded: false; problems: RuleProblem[] };

function ruleFileName(family: PolicyFamily): string {
  return `${family}.json`;
}

/** A rule set as text: the three rule files, and each family's test cases (rules/tests/<family>.json). */
export interface RuleSetSources {
  rules: Record<PolicyFamily, RuleFileSource>;
  tests: Record<PolicyFamily, RuleFileSource>;
}

/** Reads the three files of a rules folder; a missing file reads as empty and is reported as such. */
export async function readRuleFileSources(directory: string, displayDirectory = "rules"): Promise<Record<PolicyFamily, RuleFileSource>> {
  const entries = await Promise.all(
    policyFamilies.map(async (family) => {
      const text = await readFile(path.join(directory, ruleFileName(family)), "utf8").catch(() => "");
      return [family, { family, file: `${displayDirectory}/${ruleFileName(family)}`, text }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<PolicyFamily, RuleFileSource>;
}

/** Reads a rules folder whole: the rule files and their test cases (a missing test file reads as no cases). */
export async function readRuleFolder(directory: string): Promise<RuleSetSources> {
  const [rules, tests] = await Promise.all([readRuleFileSources(directory), readRuleFileSources(path.join(directory, "tests"), "rules/tests")]);
  return { rules, tests };
}

/** Validates the sources and, when they are valid, builds one engine per family. */
export function compileRuleSet(sources: Record<PolicyFamily, RuleFileSource>, loadedAt = new Date()): RuleSetLoad {
  const validation = validateRuleFiles(sources);
  if (!validation.valid) return { loaded: false, problems: validation.problems };
  const version = versionOf(sources);
  const files = validation.files;
  return {
    loaded: true,
    ruleSet: Object.freeze({
      version,
      loadedAt,
      files,
      sources,
      tiering: new TieringPolicy(files.tiering, version),
      servicePriority: new ServicePriorityPolicy(files["service-priority"], version),
      retention: new RetentionPolicy(files["retention-barriers"], version),
      vocabulary: vocabularyOf(files),
    }),
  };
}

function versionOf(sources: Record<PolicyFamily, RuleFileSource>): string {
  const hash = createHash("sha256");
  for (const family of policyFamilies) hash.update(`${family}\n${sources[family].text}\n`);
  return hash.digest("hex").slice(0, 12);
}
