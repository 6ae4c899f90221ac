import { mkdir, writeFile } from "node:fs/promises";
import { Command } from "commander";
import { measurePolicySpeed, printPolicySpeed } from "../policies/benchmark/policy-speed";
import { PolicyRegistry } from "../policies/policy-registry";
import { CommandFactory } from "./harness/command-context";
import { withDatabase } from "./harness/with-database";

const resultFile = "bench-results/policies.json";

/** npm run bench:policies: the policy half of `npm run bench` alone; prints a table and writes bench-results/policies.json. */
export const benchPoliciesCommand: CommandFactory = (context) =>
  new Command("bench:policies")
    .description(`times a full re-evaluation (facts, engines, writes) beside the bare json-rules-engine on the same facts; writes ${resultFile}`)
    .action(() =>
      withDatabase(context, { applicationName: "customer-graph-policy-benchmark", poolSize: 4 }, async (database) => {
        const ruleSet = (await PolicyRegistry.open(database.rulesDirectory)).current();
        const report = await measurePolicySpeed(database.dataSource, ruleSet);
        printPolicySpeed(report);
        await mkdir("bench-results", { recursive: true });
        await writeFile(resultFile, `${JSON.stringify(report, null, 2)}\n`);
      }),
    );
