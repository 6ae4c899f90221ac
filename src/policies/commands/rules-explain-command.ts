import { parseArgs } from "node:util";
import { decodeGlobalId } from "../../shared/global-id";
import { assessAccount } from "../evaluation/assess";
import { describeFailedCondition, Explanation } from "../evaluation/explanation";
import { computeAccountFacts } from "../facts/account-facts";
import { PolicyRegistry } from "../policy-registry";
import { runCommand, withDatabase } from "./command-support";

/** npm run rules:explain -- --account <id>: the account's facts now, and why the rules decide what they decide. */
runCommand(async () => {
  const { values } = parseArgs({ options: { account: { type: "string" } } });
  if (!values.account) {
    console.error("Usage: npm run rules:explain -- --account <account id (GraphQL id or uuid)>");
    process.exitCode = 2;
    return;
  }
  const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const accountId = uuidPattern.test(values.account) ? values.account : decodeGlobalId(values.account, "Account", "--account");
  await withDatabase("customer-graph-rules-explain", async (database, rulesDirectory) => {
    const ruleSet = (await PolicyRegistry.open(rulesDirectory)).current();
    const facts = (await computeAccountFacts(database.dataSource.manager, [accountId], new Date())).get(accountId);
    if (!facts) {
      console.error(`No account with id ${values.account}`);
      return 1;
    }
    const { tiering, retention } = await assessAccount(ruleSet, facts);
    console.log(`Rules version ${ruleSet.version}\n\nFacts:`);
    for (const [name, value] of Object.entries(facts)) console.log(`  ${name.padEnd(22)} ${value === null ? "unknown" : String(value)}`);
    console.log(`\nTier ${tiering.tier}, lifecycle stage ${tiering.lifecycleStage}`);
    printExplanation(tiering.explanation);
    if (tiering.nearMiss) {
      const { nearMiss } = tiering;
      const why = nearMiss.blockedBy ? `its rule "${nearMiss.rule}" holds, but "${nearMiss.blockedBy}" decides first` : nearMiss.failingConditions.map(describeFailedCondition).join("; ");
      console.log(`  Next tier up: ${nearMiss.tier} by "${nearMiss.rule}": ${why}`);
    }
    console.log(`\nRetention risk ${retention.risk} (score ${retention.riskScore})${retention.letGo ? `, let go: ${retention.letGoReason}` : ""}`);
    console.log(`  barriers: ${retention.barriers.join(", ") || "none"}; actions: ${retention.actions.join(", ") || "none"}`);
    printExplanation(retention.explanation);
    return 0;
  });
});

function printExplanation(explanation: Explanation): void {
  for (const fired of explanation.firedRules) {
    console.log(`  ${fired.decided ? "decided" : "fired  "} "${fired.rule}" (priority ${fired.priority}) -> ${fired.event.type} ${JSON.stringify(fired.event.params)}`);
    for (const condition of fired.conditions) {
      console.log(`      ${condition.outcome.padEnd(13)} ${condition.fact} ${condition.operator} ${JSON.stringify(condition.expected)} (actual ${JSON.stringify(condition.actual)})`);
    }
  }
  for (const outcome of explanation.defaults) console.log(`  default  ${outcome} (no rule decided)`);
}
