import { AccountPolicies } from "../accounts/account-policies";
import { checkAssessmentFilter } from "./graphql/assessment-filter";
import { reassessAccounts } from "./reassessment";
import { RuleSet } from "./rule-set";

/** The policy layer as the domains' use cases reach it, on one rule set (a request's, from its start to its end). */
export function accountPoliciesOf(ruleSet: RuleSet): AccountPolicies {
  return {
    async reassess(manager, accountIds) {
      await reassessAccounts(manager, accountIds, ruleSet);
    },
    checkFilter: (filter) => checkAssessmentFilter(filter, ruleSet),
  };
}
