import { Command } from "commander";
import { assessAccount } from "../policies/evaluation/assess";
import { describeFailedCondition, Explanation } from "../policies/evaluation/explanation";
import { computeAccountFacts } from "../policies/facts/account-facts";
import { PolicyRegistry } from "../policies/policy-registry";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { nodeId } from "./harness/option-values";
import { withDatabase } from "./harness/with-database";

/** npm run rules:explain -- --account <id>: the account's facts now, and why the rules decide what they decide. */
export const rulesExplainCommand: CommandFactory = (context) =>
  new Command("rules:explain")
    .description("an account's facts today and why it gets its tier, stage, risk and actions, with the near miss to the next tier")
    .requiredOption("--account <id>", "the account's GraphQL id or uuid", nodeId("Account", { uuid: true }))
    .action((options: { account: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-explain", poolSize: 4 }, async (database) => {
        const ruleSet = (await PolicyRegistry.open(database.rulesDirectory)).current();
        const facts = (await computeAccountFacts(database.dataSource.manager, [options.account], new Date())).get(options.account);
        if (!facts) throw new CommandFailure(`No account with id ${options.account}`);
        const { tiering, retention } = await assessAccount(ruleSet, facts);
        console.log(`Rules version ${ruleSet.version}\n\nFacts:`);
        for (const [name, value] of Object.entries(facts)) console.log(`  ${name.padEnd(22)} ${value === null ? "unknown" : String(value)}`);
        console.log(`\nTier ${tiering.tier}, lifecycle stage ${tiering.lifecycleStage}`);
        printExplanation(tiering.explanation);
        if (tiering.nearMiss) {
          const { nearMiss } = tiering;
          const why = nearMiss.blockedBy
            ? `its rule "${nearMiss.rule}" holds, but "${nearMiss.blockedBy}" decides first`
            : nearMiss.failingConditions.map(describeFailedCondition).join("; ");
          console.log(`  Next tier up: ${nearMiss.tier} by "${nearMiss.rule}": ${why}`);
        }
        console.log(`\nRetention risk ${retention.risk} (score ${retention.riskScore})${retention.letGo ? `, let go: ${retention.letGoReason}` : ""}`);
        console.log(`  barriers: ${retention.barriers.join(", ") || "none"}; actions: ${retention.actions.join(", ") || "none"}`);
        printExplanation(retention.explanation);
      }),
    );

function printExplanation(explanation: Explanation): void {
  for (const fired of explanation.firedRules) {
    console.log(
      `  ${fired.decided ? "decided" : "fired  "} "${fired.rule}" (priority ${fired.priority}) -> ${fired.event.type} ${JSON.stringify(fired.event.params)}`,
    );
    for (const condition of fired.conditions) {
      console.log(
        `      ${condition.outcome.padEnd(13)} ${condition.fact} ${condition.operator} ${JSON.stringify(condition.expected)} (actual ${JSON.stringify(condition.actual)})`,
      );
    }
  }
  for (const outcome of explanation.defaults) console.log(`  default  ${outcome} (no rule decided)`);
}
