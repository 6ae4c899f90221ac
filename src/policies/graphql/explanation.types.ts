import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { JSONScalar } from "../../shared/scalars";
import { ConditionOutcome } from "../evaluation/explanation";

export enum ConditionResult {
  PASSED = "passed",
  FAILED = "failed",
  NOT_EVALUATED = "not evaluated",
}
registerEnumType(ConditionResult, {
  name: "ConditionResult",
  description: "How one comparison of a rule went",
  valuesConfig: {
    PASSED: { description: "The comparison held" },
    FAILED: { description: "The comparison did not hold (an unknown fact fails every number comparison)" },
    NOT_EVALUATED: { description: "Skipped: the engine had already decided the rule" },
  },
});

@ObjectType({ simpleResolvers: true, description: "One comparison of a rule: the fact, what was needed, what the fact was" })
export class ConditionExplanation {
  @Field({ description: "The fact compared, by name (see rules/FACTS.md for its unit and meaning)" })
  fact: string;

  @Field({ description: "A json-rules-engine operator, e.g. greaterThanInclusive" })
  operator: string;

  @Field(() => JSONScalar, { nullable: true, description: "The value the rule compares the fact with, as written in the rule" })
  expected: unknown;

  @Field(() => JSONScalar, { nullable: true, description: "The fact's value; null when unknown" })
  actual: unknown;

  @Field(() => ConditionResult, { description: "Whether the comparison held" })
  outcome: ConditionOutcome;

  @Field({ description: 'The groups around the comparison, e.g. "any"; empty at the top level' })
  within: string;
}

@ObjectType({ simpleResolvers: true, description: "What a rule decides when it fires" })
export class RuleEvent {
  @Field({ description: "The kind of decision, e.g. tier, lifecycle-stage, priority, lane, signal, barrier, action, let-go" })
  type: string;

  @Field(() => JSONScalar, { description: 'The decision\'s values, e.g. { "tier": "gold" } or { "signal": "silence", "weight": 30 }' })
  params: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: "A rule that fired" })
export class RuleExplanation {
  @Field({ description: "The rule's name in its file" })
  rule: string;

  @Field(() => Int, { description: "Its priority in the file: higher rules come first and, under first match, win" })
  priority: number;

  @Field(() => RuleEvent, { description: "What it decides" })
  event: RuleEvent;

  @Field({ description: "Under first match, whether this rule set the decision (it may fire and lose to a higher one)" })
  decided: boolean;

  @Field(() => [ConditionExplanation], { description: "Each comparison of its conditions, as the engine evaluated it" })
  conditions: ConditionExplanation[];
}

@ObjectType({ simpleResolvers: true, description: "Why a policy decided as it did" })
export class Explanation {
  @Field({ description: "The content hash of the rule files that decided" })
  rulesVersion: string;

  @Field({ description: "first (per decision, the highest-priority rule that fires wins) or collect (every rule that fires counts)" })
  hitPolicy: string;

  @Field(() => [RuleExplanation], { description: "The rules whose conditions held, highest priority first (in file order on a tie)" })
  firedRules: RuleExplanation[];

  @Field(() => [String], { description: 'Decisions no rule made, taken from the file\'s default, e.g. "tier: bronze"' })
  defaults: string[];
}

@ObjectType({ simpleResolvers: true, description: "How close the account is to the next tier up" })
export class NearMiss {
  @Field({ description: "The next tier up" })
  tier: string;

  @Field({ description: "The rule for that tier that came closest" })
  rule: string;

  @Field(() => [ConditionExplanation], { description: "The conditions of that rule the account does not meet yet" })
  failingConditions: ConditionExplanation[];

  @Field(() => [String], { description: 'The failing conditions in words, e.g. "revenue12m 41,200 < 50,000"' })
  summary: string[];

  @Field(() => String, { nullable: true, description: "Set when that rule held but a higher-priority rule decided first" })
  blockedBy: string | null;
}
