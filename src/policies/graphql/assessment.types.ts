import { DateTimeScalar } from "../../shared/scalars";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "What the account is worth, by rules/tiering.json" })
export class AccountAssessment {
  /** Whose assessment: the facts, explanation and near miss are loaded by it, only when asked for. */
  accountId: string;

  @Field({
    description:
      "The account's tier, one of those rules/tiering.json declares, best first (e.g. platinum, gold, silver, bronze); its order in tierRank, all of them in policyVocabulary.tiers",
  })
  tier: string;

  @Field({
    description:
      "Where the account stands in its life with us, one of the stages rules/tiering.json declares (e.g. new, loyal, at_risk); its place in lifecycleStageRank, all of them in policyVocabulary.lifecycleStages",
  })
  lifecycleStage: string;

  @Field({ description: "The content hash of the rule files that decided (ruleSets shows the one in service)" })
  rulesVersion: string;

  @Field(() => DateTimeScalar, {
    description: "When the rules last evaluated the account: on every change of its facts, on a rule change, and nightly (recency changes as days pass)",
  })
  evaluatedAt: Date;
}

@ObjectType({ simpleResolvers: true, description: "A warning sign that the account may leave, raised by a rule of rules/retention-barriers.json" })
export class RetentionSignal {
  @Field({ description: "The sign, e.g. orders_falling, silence, complaints, low_satisfaction, contract_ending" })
  signal: string;

  @Field(() => Int, { description: "The points it adds to the risk score" })
  weight: number;

  @Field({ description: "The name of the rule that raised it" })
  rule: string;
}

@ObjectType({ simpleResolvers: true, description: "Churn risk, what holds the account, and what to do, by rules/retention-barriers.json" })
export class Retention {
  /** Whose retention result: its explanation is loaded by it, only when asked for. */
  accountId: string;

  @Field({
    description:
      "The churn risk level the risk score falls in, one of those rules/retention-barriers.json declares (e.g. high, medium, low); its order in riskRank, all of them in policyVocabulary.retentionRisks",
  })
  risk: string;

  @Field(() => Int, { description: "The summed weights of the signals, 0 to 100" })
  riskScore: number;

  @Field(() => [RetentionSignal], { description: "The warning signs that fired; empty when none did" })
  signals: RetentionSignal[];

  @Field(() => [String], { description: "What already holds the account, e.g. loyalty_points_at_stake, contract_lock_in, personal_relationship" })
  barriers: string[];

  @Field(() => [String], { description: "What to do to keep the account, e.g. executive_visit, renewal_offer; empty when it is let go" })
  actions: string[];

  @Field({ description: "Whether the rules say not to spend effort on keeping the account: not every customer is worth keeping" })
  letGo: boolean;

  @Field(() => String, { nullable: true, description: "Why it is let go, in the rule's words; null when it is not" })
  letGoReason: string | null;

  @Field({ description: "The content hash of the rule files that decided" })
  rulesVersion: string;

  @Field(() => DateTimeScalar, { description: "When the rules last evaluated the account" })
  evaluatedAt: Date;
}
