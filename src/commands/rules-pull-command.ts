import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { activeRuleSet } from "../policies/publication/rule-set-publication";
import { policyFamilies } from "../policies/rule-files/rule-file";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";

/** npm run rules:pull: writes the version in service (rules and cases) into the rules folder, e.g. to commit it to git. */
export const rulesPullCommand: CommandFactory = (context) =>
  new Command("rules:pull")
    .description("writes the rule set in service (its rules and test cases) into the rules folder")
    .option("--rules <folder>", "the rules folder (default: RULES_DIRECTORY)")
    .action((options: { rules?: string }) =>
      withDatabase(context, { applicationName: "customer-graph-rules-pull", poolSize: 2 }, async (database) => {
        const active = await activeRuleSet(database.dataSource.manager);
        if (!active) throw new CommandFailure("No rule set has been published to this database yet");
        const folder = path.resolve(options.rules ?? database.rulesDirectory);
        await mkdir(path.join(folder, "tests"), { recursive: true });
        for (const family of policyFamilies) {
          await writeFile(path.join(folder, `${family}.json`), active.sources[family].text);
          const tests = active.tests?.[family]?.text;
          if (tests !== undefined) await writeFile(path.join(folder, "tests", `${family}.json`), tests);
        }
        console.log(`Version ${active.version}, in service, is written to ${folder}`);
      }),
    );
