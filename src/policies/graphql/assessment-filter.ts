import { AccountFilter } from "../../accounts/account.inputs";
import { InvalidInputError } from "../../shared/errors";
import { RuleSet } from "../rule-set";

/** Tiers, stages and risks are names the analysts declare: a name the rule set does not know is bad input. */
export function checkAssessmentFilter(filter: AccountFilter | null | undefined, ruleSet: RuleSet): void {
  if (!filter) return;
  const tiering = ruleSet.files.tiering;
  const risks = ruleSet.files["retention-barriers"].riskLevels.map((risk) => risk.level);
  checkNames("filter.tier", filter.tier, tiering.tiers);
  checkNames("filter.lifecycleStage", filter.lifecycleStage, tiering.lifecycleStages);
  checkNames("filter.retentionRisk", filter.retentionRisk, risks);
}

function checkNames(field: string, values: string[] | null | undefined, declared: readonly string[]): void {
  const unknown = values?.find((value) => !declared.includes(value));
  if (unknown !== undefined) throw new InvalidInputError(field, `"${unknown}" is not declared in the rules; it can be: ${declared.join(", ")}`);
}
