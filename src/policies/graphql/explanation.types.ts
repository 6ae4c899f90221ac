import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { JSONScalar } from "../../shared/scalars";
import { ConditionGroupKind as GroupKind, ConditionOutcome } from "../evaluation/explanation";

export enum ConditionResult {
  PASSED = "passed",
  FAILED = "failed",
  NOT_EVALUATED = "not evaluated",
}
export enum ConditionGroupKind {
  ALL = "all",
  ANY = "any",
  NOT = "not",
}
registerEnumType(ConditionGroupKind, {
  name: "ConditionGroupKind",
  description: "How a group of a rule's conditions combines its members",
  valuesConfig: {
    ALL: { description: "Every member must hold" },
    ANY: { description: "At least one member must hold" },
    NOT: { description: "Its one member must not hold" },
  },
});

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

  @Field({ description: "A json-rules-engine operator, e.g. greaterThanInclusive (requirement writes it as a symbol: ≥)" })
  operator: string;

  @Field(() => JSONScalar, { nullable: true, description: "The value the rule compares the fact with, as written in the rule" })
  expected: unknown;

  @Field(() => JSONScalar, { nullable: true, description: "The fact's value; null when unknown" })
  actual: unknown;

  @Field(() => ConditionResult, { description: "Whether the comparison held" })
  outcome: ConditionOutcome;

  @Field({ description: 'The groups around the comparison, e.g. "any"; empty at the top level (path and RuleExplanation.groups place it exactly)' })
  within: string;

  @Field(() => String, { nullable: true, description: 'The label the rule file gives the comparison ("name"), e.g. "recency"; null when it has none' })
  label?: string | null;

  @Field(() => String, { nullable: true, description: "The fact compared with, when the rule compares two facts; expected is then that fact's value" })
  comparedFact?: string | null;

  // path, requirement and text: explanation.resolver.ts (explanations stored before they existed have no path).
  path?: number[];
}

@ObjectType({ simpleResolvers: true, description: "An all, any or not group of a rule's conditions, and whether it held" })
export class ConditionGroupExplanation {
  @Field(() => ConditionGroupKind, { description: "How it combines its members" })
  kind: GroupKind;

  @Field(() => String, { nullable: true, description: 'The label the rule file gives the group ("name"), e.g. "cost to serve"; null when it has none' })
  label: string | null;

  @Field(() => ConditionResult, { description: "Whether the group held; not evaluated when the engine had decided without it" })
  outcome: ConditionOutcome;

  @Field(() => [Int], {
    description: "Its place: member positions from the rule's top group down ([] is the top group, [3] its fourth member); a member's path extends its group's",
  })
  path: number[];
}

@ObjectType({
  simpleResolvers: true,
  description: "What kept a rule from deciding: a higher rule that decided first, or the first condition that did not hold",
})
export class RuleBlock {
  @Field(() => String, {
    nullable: true,
    description: "The rule that made this decision first (first match: a higher-priority rule of the same kind), or the let-go rule that dropped this action",
  })
  decidedBy: string | null;

  @Field(() => ConditionExplanation, {
    nullable: true,
    description: "When the rule did not fire: the first comparison that kept it from firing (under a not group, the one that held)",
  })
  failingCondition: ConditionExplanation | null;

  @Field({ description: 'The block in words, e.g. recency: daysSinceLastOrder 200 > 90, or "Platinum …" decided first' })
  text: string;
}

@ObjectType({ simpleResolvers: true, description: "What a rule decides when it fires" })
export class RuleEvent {
  @Field({ description: "The kind of decision, e.g. tier, lifecycle-stage, priority, lane, signal, barrier, action, let-go" })
  type: string;

  @Field(() => JSONScalar, { description: 'The decision\'s values, e.g. { "tier": "gold" } or { "signal": "silence", "weight": 30 }' })
  params: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: "A rule as it went: its conditions, its groups and, when it did not decide, what blocked it" })
export class RuleExplanation {
  @Field({ description: "The rule's name in its file" })
  rule: string;

  @Field(() => Int, { description: "Its priority in the file: higher rules come first and, under first match, win" })
  priority: number;

  @Field(() => RuleEvent, { description: "What it decides" })
  event: RuleEvent;

  @Field({
    description:
      "Whether this rule set the decision: under first match it may fire and lose to a higher one; under collect, an action a let-go rule drops did not",
  })
  decided: boolean;

  @Field(() => [ConditionExplanation], { description: "Each comparison of its conditions, as the engine evaluated it, in the order the file writes them" })
  conditions: ConditionExplanation[];

  @Field(() => RuleBlock, { nullable: true, description: "Why it did not decide; null when it did" })
  blockedBy?: RuleBlock | null;

  // fired, groups and outline: explanation.resolver.ts (explanations stored before they existed lack them).
  fired?: boolean;
  groups?: ConditionGroupExplanation[];
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
