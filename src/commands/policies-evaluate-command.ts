import { Command } from "commander";
import { PolicyRegistry } from "../policies/policy-registry";
import { reevaluateAllAccounts } from "../policies/reevaluation";
import { createAccountProgress } from "./harness/account-progress";
import { CommandFactory } from "./harness/command-context";
import { withDatabase } from "./harness/with-database";

/**
 * npm run policies:evaluate: re-evaluates every account and its open tickets now, with the rules folder.
 * Time passing changes recency facts, so this is what a nightly job runs.
 */
export const policiesEvaluateCommand: CommandFactory = (context) =>
  new Command("policies:evaluate").description("re-evaluates every account and open ticket now (the nightly job: recency changes as days pass)").action(() =>
    withDatabase(context, { applicationName: "customer-graph-policies", poolSize: 4 }, async (database) => {
      const ruleSet = (await PolicyRegistry.open(database.rulesDirectory)).current();
      const progress = createAccountProgress({ running: "Evaluating", done: "Evaluated" });
      const summary = await reevaluateAllAccounts(database.dataSource, ruleSet, { onProgress: progress.update });
      progress.stop();
      console.log(
        `Evaluated ${summary.accounts.toLocaleString("en")} accounts (${summary.accountsChanged.toLocaleString("en")} changed) and ` +
          `${summary.tickets.toLocaleString("en")} open tickets (${summary.ticketsChanged.toLocaleString("en")} changed) ` +
          `with rules version ${summary.rulesVersion} in ${(summary.milliseconds / 1000).toFixed(1)} s`,
      );
    }),
  );
