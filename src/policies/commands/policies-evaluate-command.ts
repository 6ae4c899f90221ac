import { PolicyRegistry } from "../policy-registry";
import { reevaluateAllAccounts } from "../reevaluation";
import { createAccountProgress } from "../../shared/account-progress";
import { runCommand, withDatabase } from "./command-support";

/**
 * npm run policies:evaluate: re-evaluates every account and its open tickets now, with the rules in rules/.
 * Time passing changes recency facts, so this is what a nightly job runs.
 */
runCommand(() =>
  withDatabase("customer-graph-policies", async (database, rulesDirectory) => {
    const ruleSet = (await PolicyRegistry.open(rulesDirectory)).current();
    const progress = createAccountProgress({ running: "Evaluating", done: "Evaluated" });
    const summary = await reevaluateAllAccounts(database.dataSource, ruleSet, { onProgress: progress.update });
    progress.stop();
    console.log(
      `Evaluated ${summary.accounts.toLocaleString("en")} accounts (${summary.accountsChanged.toLocaleString("en")} changed) and ` +
        `${summary.tickets.toLocaleString("en")} open tickets (${summary.ticketsChanged.toLocaleString("en")} changed) ` +
        `with rules version ${summary.rulesVersion} in ${(summary.milliseconds / 1000).toFixed(1)} s`,
    );
    return 0;
  }),
);
