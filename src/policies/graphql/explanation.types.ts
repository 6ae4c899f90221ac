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
  valuesConfig: { NOT_EVALUATED: { description: "Skipped: the engine had already decided the rule" } },
});

@ObjectType({ simpleResolvers: true, description: "One comparison of a rule: the fact, what was needed, what the fact was" })
export class ConditionExplanation {
  @Field()
  fact: string;

  @Field({ description: "A json-rules-engine operator, e.g. greaterThanInclusive" })
  operator: string;

  @Field(() => JSONScalar, { nullable: true })
  expected: unknown;

  @Field(() => JSONScalar, { nullable: true, description: "The fact's value; null when unknown" })
  actual: unknown;

  @Field(() => ConditionResult)
  outcome: ConditionOutcome;

  @Field({ description: 'The groups around the comparison, e.g. "any"; empty at the top level' })
  within: string;
}

@ObjectType({ simpleResolvers: true })
export class RuleEvent {
  @Field()
  type: string;

  @Field(() => JSONScalar)
  params: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: "A rule that fired" })
export class RuleExplanation {
  @Field()
  rule: string;

  @Field(() => Int)
  priority: number;

  @Field(() => RuleEvent)
  event: RuleEvent;

  @Field({ description: "Under first match, whether this rule set the decision (it may fire and lose to a higher one)" })
  decided: boolean;

  @Field(() => [ConditionExplanation])
  conditions: ConditionExplanation[];
}

@ObjectType({ simpleResolvers: true, description: "Why a policy decided as it did" })
export class Explanation {
  @Field({ description: "The content hash of the rule files that decided" })
  rulesVersion: string;

  @Field({ description: "first (per decision, the highest-priority rule that fires wins) or collect (every rule that fires counts)" })
  hitPolicy: string;

  @Field(() => [RuleExplanation])
  firedRules: RuleExplanation[];

  @Field(() => [String], { description: 'Decisions no rule made, taken from the file\'s default, e.g. "tier: bronze"' })
  defaults: string[];
}

@ObjectType({ simpleResolvers: true, description: "How close the account is to the next tier up" })
export class NearMiss {
  @Field()
  tier: string;

  @Field({ description: "The rule for that tier that came closest" })
  rule: string;

  @Field(() => [ConditionExplanation])
  failingConditions: ConditionExplanation[];

  @Field(() => [String], { description: 'The failing conditions in words, e.g. "revenue12m 41,200 < 50,000"' })
  summary: string[];

  @Field(() => String, { nullable: true, description: "Set when that rule held but a higher-priority rule decided first" })
  blockedBy: string | null;
}
