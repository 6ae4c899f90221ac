import { DeclarationField, priorityLevels, RuleFilesByFamily, ValueDescriptions } from "./rule-files/rule-file";

/** One value a decision can take: its name, its place in the declared order (1 first), and what the analysts say it means. */
export interface VocabularyValue {
  name: string;
  rank: number;
  description: string | null;
}

/**
 * The values each policy decision can take, in the order the rule files declare them: the API's
 * clients sort and colour by rank instead of hard-coding names an analyst may change.
 */
export interface PolicyVocabulary {
  /** Best first. */
  tiers: readonly VocabularyValue[];
  /** In the order an account lives through them. */
  lifecycleStages: readonly VocabularyValue[];
  /** Most urgent first (P1). */
  priorityLevels: readonly VocabularyValue[];
  /** Fastest first. */
  priorityLanes: readonly VocabularyValue[];
  /** Highest risk first. */
  retentionRisks: readonly VocabularyValue[];
}

export type VocabularyDecision = keyof PolicyVocabulary;

/** The vocabulary of a validated rule set, made once when it is compiled. */
export function vocabularyOf(files: RuleFilesByFamily): PolicyVocabulary {
  const { tiering } = files;
  const servicePriority = files["service-priority"];
  const retention = files["retention-barriers"];
  return Object.freeze({
    tiers: valuesOf(tiering.tiers, tiering.valueDescriptions, "tiers"),
    lifecycleStages: valuesOf(tiering.lifecycleStages, tiering.valueDescriptions, "lifecycleStages"),
    priorityLevels: valuesOf(priorityLevels, servicePriority.valueDescriptions, "levels"),
    priorityLanes: valuesOf(servicePriority.lanes, servicePriority.valueDescriptions, "lanes"),
    retentionRisks: valuesOf(
      retention.riskLevels.map((risk) => risk.level),
      retention.valueDescriptions,
      "riskLevels",
    ),
  });
}

/** The rank of a value in a decision's vocabulary; null for a name it does not declare (e.g. one an older rule set stored). */
export function rankOf(values: readonly VocabularyValue[], name: string): number | null {
  return values.find((value) => value.name === name)?.rank ?? null;
}

function valuesOf(names: readonly string[], descriptions: ValueDescriptions | undefined, field: DeclarationField): readonly VocabularyValue[] {
  return Object.freeze(names.map((name, index) => Object.freeze({ name, rank: index + 1, description: descriptions?.[field]?.[name] ?? null })));
}
