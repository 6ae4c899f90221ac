/**
 * The shape of the analysts' rule files in rules/, as read after JSON Schema validation.
 * Rules are json-rules-engine's own format (name, priority, conditions, event) with flat facts:
 * no `path`, no `params`, no shared named conditions.
 */

import { PolicyFamily } from "../../shared/policy-families";

export { policyFamilies, type PolicyFamily } from "../../shared/policy-families";

/** first: per decision, the highest-priority rule that fires wins (file order breaks ties); collect: every rule that fires counts. */
export type HitPolicy = "first" | "collect";

export const hitPolicyOfFamily: Record<PolicyFamily, HitPolicy> = {
  tiering: "first",
  "service-priority": "first",
  "retention-barriers": "collect",
};

export const comparisonOperators = ["equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "in", "notIn"] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export type ConditionValue = string | number | boolean | null | ReadonlyArray<string | number> | { fact: string };

export interface FactCondition {
  fact: string;
  operator: ComparisonOperator;
  value: ConditionValue;
  /** An analyst's label for the condition, shown in explanations. */
  name?: string;
}

export type Condition = FactCondition | AllConditions | AnyConditions | NotCondition;
export interface AllConditions {
  all: Condition[];
  name?: string;
}
export interface AnyConditions {
  any: Condition[];
  name?: string;
}
export interface NotCondition {
  not: Condition;
  name?: string;
}
export type TopLevelCondition = AllConditions | AnyConditions | NotCondition;

export interface RuleEvent {
  type: string;
  params: Record<string, string | number | boolean>;
}

export interface PolicyRule {
  name: string;
  description?: string;
  priority: number;
  conditions: TopLevelCondition;
  event: RuleEvent;
}

/** A value a file declares (a tier, a stage, a lane, a level), as analysts may write it: a bare name, or a name and what it means. */
export type DeclaredValueText = string | { name: string; description?: string };

/** The fields of the files that declare values, each in its order: tiers best first, stages in lifecycle order, lanes fastest first, risks highest first. */
export type DeclarationField = "tiers" | "lifecycleStages" | "lanes" | "levels" | "riskLevels";

/** What the analysts wrote about the declared values, by declaring field, then by name; a value without a description has no entry. */
export type ValueDescriptions = Readonly<Partial<Record<DeclarationField, Readonly<Record<string, string>>>>>;

interface RuleFileBase<Family extends PolicyFamily> {
  $schema?: string;
  family: Family;
  description: string;
  hitPolicy: HitPolicy;
  rules: PolicyRule[];
  /** Gathered at validation, when each declared value is reduced to its name (see declared-values.ts). */
  valueDescriptions?: ValueDescriptions;
}

/** Events: `tier` {tier} and `lifecycle-stage` {stage}; tiers are listed best first. */
export interface TieringFile extends RuleFileBase<"tiering"> {
  tiers: string[];
  lifecycleStages: string[];
  default: { tier: string; lifecycleStage: string };
}

export const priorityLevels = ["P1", "P2", "P3", "P4"] as const;
export type PriorityLevel = (typeof priorityLevels)[number];

export interface ServiceTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** calendar (the default): every minute counts; business: the working hours of the account's region. */
  clock?: "calendar" | "business";
}

export const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** A region's working time, as an analyst writes it. */
export interface BusinessHoursOfRegion {
  description?: string;
  timeZone: string;
  workingDays: Array<(typeof weekdays)[number]>;
  hours: { from: string; to: string };
  holidays?: string[];
}

/** Events: `priority` {level} and `lane` {lane}; targets give the clock per tier and level; lanes are listed fastest first. */
export interface ServicePriorityFile extends RuleFileBase<"service-priority"> {
  lanes: string[];
  /** Optional, to describe the levels: the fixed P1 to P4, in that order. */
  levels?: string[];
  targets: Record<string, Record<PriorityLevel, ServiceTarget>>;
  /** Per region (the API's Region, lower case): the working time that business-clock targets count. */
  businessHours?: Record<string, BusinessHoursOfRegion>;
  default: { level: PriorityLevel; lane: string };
}

export interface RiskLevel {
  level: string;
  minScore: number;
  description?: string;
}

/**
 * Events: `signal` {signal, weight}, `barrier` {barrier}, `action` {action}, `let-go` {reason}.
 * The risk is the level whose minScore the summed signal weights reach (levels listed highest first).
 */
export interface RetentionFile extends RuleFileBase<"retention-barriers"> {
  riskLevels: RiskLevel[];
  default: { risk: string };
}

export type RuleFile = TieringFile | ServicePriorityFile | RetentionFile;

/** The event types each family's rules may raise, and the decision each one sets. */
export const eventTypesOfFamily: Record<PolicyFamily, readonly string[]> = {
  tiering: ["tier", "lifecycle-stage"],
  "service-priority": ["priority", "lane"],
  "retention-barriers": ["signal", "barrier", "action", "let-go"],
};

export interface RuleFilesByFamily {
  tiering: TieringFile;
  "service-priority": ServicePriorityFile;
  "retention-barriers": RetentionFile;
}
