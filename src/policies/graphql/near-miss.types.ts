import { Field, Int, ObjectType } from "type-graphql";
import { ConditionExplanation } from "./explanation.types";

/** What every near miss says of its rule: which one, and what it still lacks. */
@ObjectType()
abstract class RuleShortfall {
  @Field({ description: "The rule for it that came closest" })
  rule: string;

  @Field(() => [ConditionExplanation], { description: "The conditions of that rule the account does not meet yet; empty when it held but lost" })
  failingConditions: ConditionExplanation[];

  @Field(() => [String], { description: 'The failing conditions in words, e.g. "revenue12m 41,200 < 50,000"' })
  summary: string[];
}

@ObjectType({ simpleResolvers: true, description: "How close the account is to the next tier up" })
export class NearMiss extends RuleShortfall {
  @Field({ description: "The next tier up" })
  tier: string;

  @Field(() => String, { nullable: true, description: "Set when that rule held but a higher-priority rule decided first" })
  blockedBy: string | null;
}

@ObjectType({ simpleResolvers: true, description: "How close the account is to another lifecycle stage" })
export class StageNearMiss extends RuleShortfall {
  @Field({ description: "The stage, one rules/tiering.json declares" })
  stage: string;

  @Field(() => String, { nullable: true, description: "Set when that rule held but a higher-priority rule decided the stage first" })
  blockedBy: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A warning sign that did not fire, and what stands in its way" })
export class SignalNearMiss extends RuleShortfall {
  @Field({ description: "The sign it would raise, e.g. silence" })
  signal: string;

  @Field(() => Int, { description: "The points it would add to the risk score" })
  weight: number;
}

@ObjectType({ simpleResolvers: true, description: "How close the account is to the next churn risk level up" })
export class RiskNearMiss {
  @Field({ description: "The next risk level up, one rules/retention-barriers.json declares" })
  risk: string;

  @Field(() => Int, { description: "The points the risk score lacks to reach it" })
  pointsNeeded: number;

  @Field(() => [SignalNearMiss], { description: "The signals that did not fire, closest first (fewest failing conditions, then the heaviest)" })
  signals: SignalNearMiss[];
}
