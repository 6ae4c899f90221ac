import { Field, Int, ObjectType } from "type-graphql";
import { VocabularyValue } from "../policy-vocabulary";

@ObjectType({ simpleResolvers: true, description: "One value a policy decision can take, as the rule files in service declare it" })
export class PolicyValue implements VocabularyValue {
  @Field({ description: "The value as the decision's own field gives it, e.g. gold for AccountAssessment.tier" })
  name: string;

  @Field(() => Int, { description: "Its place in the declared order, from 1; the list it is in says which end is first (e.g. 1 is the best tier)" })
  rank: number;

  @Field(() => String, {
    nullable: true,
    description: "What the value means to the business, in the analysts' words (rules/*.json); null when they wrote none",
  })
  description: string | null;
}

@ObjectType("PolicyVocabulary", {
  simpleResolvers: true,
  description:
    "The values each policy decision can take, in order, with what each means: the rule files decide them, so they are not enums. " +
    "Fetch it once to sort, colour and explain the decisions' strings; the *Rank fields beside those strings give the same ranks",
})
export class PolicyVocabularyInfo {
  @Field({ description: "The content hash of the rule files these values come from" })
  rulesVersion: string;

  @Field(() => [PolicyValue], { description: "AccountAssessment.tier, TierShare.tier, NearMiss.tier: best first, rank 1 is the best tier" })
  tiers: readonly PolicyValue[];

  @Field(() => [PolicyValue], {
    description: "AccountAssessment.lifecycleStage: in the order an account lives through them, rank 1 first (e.g. prospect); an order, not a grade",
  })
  lifecycleStages: readonly PolicyValue[];

  @Field(() => [PolicyValue], { description: "ServicePriority.level: most urgent first, rank 1 is P1" })
  priorityLevels: readonly PolicyValue[];

  @Field(() => [PolicyValue], { description: "ServicePriority.lane: the queues, fastest first, rank 1 is the fastest" })
  priorityLanes: readonly PolicyValue[];

  // Nullable so that a partner's FORBIDDEN here leaves the rest of the vocabulary in place.
  @Field(() => [PolicyValue], { nullable: true, description: "Retention.risk: highest risk first, rank 1 is the highest; internal and analyst keys only" })
  retentionRisks: readonly PolicyValue[] | null;
}
