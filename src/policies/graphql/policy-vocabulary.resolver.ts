import { Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { rankOf, VocabularyDecision } from "../policy-vocabulary";
import { AccountAssessment, Retention } from "./assessment.types";
import { NearMiss } from "./near-miss.types";
import { PolicyRequest } from "./policy.context";
import { PolicyVocabularyInfo } from "./policy-vocabulary.types";
import { TierShare } from "./rule-set.types";
import { ServicePriority } from "./service-priority.types";

// Ranks come from the request's rule set, as the vocabulary does: one request sees one order, even while a new rule set goes live.
const rankIn = (context: PolicyRequest, decision: VocabularyDecision, name: string) => rankOf(context.ruleSet.vocabulary[decision], name);

const tierRank = "The tier's rank: 1 is the best tier, higher numbers are lower tiers (policyVocabulary.tiers)";
const undeclared = "null when the rule set in service no longer declares the value";

@Resolver()
export class PolicyVocabularyResolver {
  @Query(() => PolicyVocabularyInfo, { description: "The values each policy decision can take, in order, with what each means, by the rule files in service" })
  policyVocabulary(@Ctx() context: PolicyRequest): PolicyVocabularyInfo {
    return { rulesVersion: context.ruleSet.version, ...context.ruleSet.vocabulary };
  }
}

@Resolver(() => AccountAssessment)
export class AssessmentRankResolver {
  @FieldResolver(() => Int, { nullable: true, description: `${tierRank}; ${undeclared}` })
  tierRank(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "tiers", assessment.tier);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: `The stage's place in the lifecycle: 1 is the first stage (policyVocabulary.lifecycleStages), an order rather than a grade; ${undeclared}`,
  })
  lifecycleStageRank(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "lifecycleStages", assessment.lifecycleStage);
  }
}

@Resolver(() => Retention)
export class RetentionRankResolver {
  @FieldResolver(() => Int, { nullable: true, description: `The risk's rank: 1 is the highest risk (policyVocabulary.retentionRisks); ${undeclared}` })
  riskRank(@Root() retention: Retention, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "retentionRisks", retention.risk);
  }
}

@Resolver(() => ServicePriority)
export class ServicePriorityRankResolver {
  @FieldResolver(() => Int, { description: "The level's rank: 1 (P1) is the most urgent, 4 (P4) the least (policyVocabulary.priorityLevels)" })
  levelRank(@Root() priority: ServicePriority, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "priorityLevels", priority.level);
  }

  @FieldResolver(() => Int, { nullable: true, description: `The lane's rank: 1 is the fastest lane (policyVocabulary.priorityLanes); ${undeclared}` })
  laneRank(@Root() priority: ServicePriority, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "priorityLanes", priority.lane);
  }
}

@Resolver(() => TierShare)
export class TierShareRankResolver {
  @FieldResolver(() => Int, { nullable: true, description: `${tierRank}; ${undeclared}` })
  tierRank(@Root() share: TierShare, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "tiers", share.tier);
  }
}

@Resolver(() => NearMiss)
export class NearMissRankResolver {
  @FieldResolver(() => Int, { nullable: true, description: `The next tier's rank: 1 is the best tier (policyVocabulary.tiers); ${undeclared}` })
  tierRank(@Root() nearMiss: NearMiss, @Ctx() context: PolicyRequest): number | null {
    return rankIn(context, "tiers", nearMiss.tier);
  }
}
