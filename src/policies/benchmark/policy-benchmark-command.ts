import { mkdir, writeFile } from "node:fs/promises";
import { runCommand, withDatabase } from "../commands/command-support";
import { PolicyRegistry } from "../policy-registry";
import { measurePolicySpeed, printPolicySpeed } from "./policy-speed";

/** npm run bench:policies: the policy half of `npm run bench` alone; prints a table and writes bench-results/policies.json. */
runCommand(() =>
  withDatabase("customer-graph-policy-benchmark", async (database, rulesDirectory) => {
    const ruleSet = (await PolicyRegistry.open(rulesDirectory)).current();
    const report = await measurePolicySpeed(database.dataSource, ruleSet);
    printPolicySpeed(report);
    await mkdir("bench-results", { recursive: true });
    await writeFile("bench-results/policies.json", `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }),
);
