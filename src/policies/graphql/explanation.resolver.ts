import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { InvalidInputError } from "../../shared/errors";
import { AccountPolicyInsight, explainAccount } from "../evaluation/assess";
import { FactValues } from "../facts/fact-catalogue";
import { describeComparison, describeRequirement } from "../evaluation/condition-wording";
import { outlineRule, RuleExplanation as EvaluatedRule } from "../evaluation/explanation";
import { AccountAssessment, Retention } from "./assessment.types";
import { ConditionExplanation, ConditionGroupExplanation, RuleExplanation } from "./explanation.types";
import { RiskNearMiss, StageNearMiss } from "./near-miss.types";
import { PolicyRequest } from "./policy.context";
import { AssessmentDetails } from "./policy.loaders";

/** The wording of a comparison, made when read: explanations stored before it changed read the same as new ones. */
@Resolver(() => ConditionExplanation)
export class ConditionWordingResolver {
  @FieldResolver(() => [Int], {
    description: "Its place among the rule's groups (see ConditionGroupExplanation.path); [] in explanations stored before paths were kept",
  })
  path(@Root() condition: ConditionExplanation): number[] {
    return condition.path ?? [];
  }

  @FieldResolver({
    description:
      'What the rule needs, operator as a symbol and numbers written out: "revenue12m ≥ 15,000", "accountStatus in [prospect, churned]", "returnRate12m is unknown"',
  })
  requirement(@Root() condition: ConditionExplanation): string {
    return describeRequirement(condition);
  }

  @FieldResolver({
    description: 'The comparison as it went: "revenue12m 41,200 < 15,000" (failed), "orders12m 8 ≥ 6" (held), "orders12m is unknown (needs ≥ 6)"',
  })
  text(@Root() condition: ConditionExplanation): string {
    return describeComparison(condition);
  }
}

@Resolver(() => RuleExplanation)
export class RuleOutlineResolver {
  @FieldResolver({ description: "Whether its conditions held (every rule of Explanation.firedRules did)" })
  fired(@Root() rule: RuleExplanation): boolean {
    return rule.fired ?? true;
  }

  @FieldResolver(() => [ConditionGroupExplanation], {
    description: "Its all, any and not groups, the top group first, in the order the file writes them; empty in explanations stored before groups were kept",
  })
  groups(@Root() rule: RuleExplanation): ConditionGroupExplanation[] {
    return rule.groups ?? [];
  }

  @FieldResolver(() => [String], {
    description:
      'Its groups and comparisons as lines to read, members indented under their group, as rules:explain prints them: "held      all of", "failed      frequency: orders12m ≥ 6 (is 3)"',
  })
  outline(@Root() rule: RuleExplanation): string[] {
    return outlineRule(rule);
  }
}

const ruleArgument = { description: "The rule's name, any case" };
const nullWhenOutdated = "null while the account waits for re-evaluation under the rules in service";

/**
 * What an analyst asks beyond the stored explanation, evaluated when asked: the account's stored facts
 * through the rules in service, once per account and request.
 */
@Resolver(() => AccountAssessment)
export class AssessmentInsightResolver {
  @FieldResolver(() => [StageNearMiss], {
    nullable: true,
    description: `How close the account is to each other lifecycle stage a rule raises, closest first; internal and analyst keys only; ${nullWhenOutdated}`,
  })
  async lifecycleStageNearMisses(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): Promise<StageNearMiss[] | null> {
    return (await insightOf(assessment, context))?.tiering.stageNearMisses ?? null;
  }

  @FieldResolver(() => RuleExplanation, {
    nullable: true,
    description: `One tiering rule, fired or not, with what blocked it (its first failing condition, or the higher rule that decided); an unknown name is BAD_USER_INPUT; internal and analyst keys only; ${nullWhenOutdated}`,
  })
  async ruleExplanation(
    @Root() assessment: AccountAssessment,
    @Arg("rule", ruleArgument) rule: string,
    @Ctx() context: PolicyRequest,
  ): Promise<RuleExplanation | null> {
    return ruleNamed(await insightOf(assessment, context), "tiering", rule);
  }
}

@Resolver(() => Retention)
export class RetentionInsightResolver {
  @FieldResolver(() => RiskNearMiss, {
    nullable: true,
    description: `How close the account is to the next risk level up; null at the highest level; ${nullWhenOutdated}`,
  })
  async nearMiss(@Root() retention: Retention, @Ctx() context: PolicyRequest): Promise<RiskNearMiss | null> {
    return (await insightOf(retention, context))?.retention.riskNearMiss ?? null;
  }

  @FieldResolver(() => RuleExplanation, {
    nullable: true,
    description: `One retention rule, fired or not, with what blocked it (its first failing condition, or the let-go rule that dropped its action); an unknown name is BAD_USER_INPUT; ${nullWhenOutdated}`,
  })
  async ruleExplanation(@Root() retention: Retention, @Arg("rule", ruleArgument) rule: string, @Ctx() context: PolicyRequest): Promise<RuleExplanation | null> {
    return ruleNamed(await insightOf(retention, context), "retention", rule);
  }
}

// Keyed by the request's loaded details, so that it lives exactly as long as the request's loaders.
const insights = new WeakMap<AssessmentDetails, Promise<AccountPolicyInsight>>();

async function insightOf(stored: { accountId: string; rulesVersion: string }, context: PolicyRequest): Promise<AccountPolicyInsight | null> {
  if (stored.rulesVersion !== context.ruleSet.version) return null;
  const details = await context.loaders.assessmentDetailsByAccountId.load(stored.accountId);
  if (!details) return null;
  let insight = insights.get(details);
  if (!insight) {
    insight = explainAccount(context.ruleSet, details.facts as FactValues);
    insights.set(details, insight);
  }
  return insight;
}

function ruleNamed(insight: AccountPolicyInsight | null, family: "tiering" | "retention", name: string): EvaluatedRule | null {
  if (!insight) return null;
  const found = insight[family].rules.find((rule) => rule.rule.toLowerCase() === name.trim().toLowerCase());
  if (!found) throw new InvalidInputError("rule", `no ${family} rule is named "${name}"`);
  return found;
}
