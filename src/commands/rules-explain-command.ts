import { Command } from "commander";
import { EntityManager } from "typeorm";
import { explainAccount } from "../policies/evaluation/assess";
import { computeAccountFacts } from "../policies/facts/account-facts";
import { PolicyRegistry } from "../policies/policy-registry";
import { likePattern } from "../shared/ranges";
import { CommandFactory } from "./harness/command-context";
import { CommandFailure, UsageError } from "./harness/command-errors";
import { nodeId } from "./harness/option-values";
import { withDatabase } from "./harness/with-database";
import { explainReport } from "./rules-explain-report";

interface ExplainOptions {
  account?: string;
  name?: string;
  rule?: string;
}

/** npm run rules:explain -- --account <id> | --name <part of a name> [--rule <name>]: an account's facts now, and why the rules decide what they decide. */
export const rulesExplainCommand: CommandFactory = (context) =>
  new Command("rules:explain")
    .description(
      "an account's facts today and why it gets its tier, stage, risk and actions, with the near misses to the next tier, other stages and the next risk level",
    )
    .option("--account <id>", "the account's GraphQL id or uuid", nodeId("Account", { uuid: true }))
    .option("--name <text>", "the account's name or part of it, any case; when several match, they are listed")
    .option("--rule <name>", "explain this rule alone (tiering or retention), fired or not: what blocked it")
    .action((options: ExplainOptions) => {
      if ((options.account === undefined) === (options.name === undefined)) throw new UsageError("Give either --account <id> or --name <text>");
      return withDatabase(context, { applicationName: "customer-graph-rules-explain", poolSize: 4 }, async (database) => {
        const ruleSet = (await PolicyRegistry.open(database.rulesDirectory)).current();
        const accountId = options.account ?? (await accountNamed(database.dataSource.manager, options.name!));
        const facts = (await computeAccountFacts(database.dataSource.manager, [accountId], new Date())).get(accountId);
        if (!facts) throw new CommandFailure(`No account with id ${accountId}`);
        for (const line of explainReport(ruleSet.version, await explainAccount(ruleSet, facts), options.rule)) console.log(line);
      });
    });

const mostCandidatesListed = 20;

/** The one account whose name is `name` (any case), else the one whose name contains it; several: a failure listing them. */
async function accountNamed(manager: EntityManager, name: string): Promise<string> {
  const candidates: { id: string; name: string }[] = await manager.query(
    `SELECT id, name FROM accounts WHERE name ILIKE $1 ORDER BY lower(name) = lower($2) DESC, name, id LIMIT ${mostCandidatesListed + 1}`,
    [likePattern(name), name],
  );
  const exact = candidates.filter((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (exact.length === 1) return exact[0].id;
  if (candidates.length === 1) return candidates[0].id;
  if (candidates.length === 0) throw new CommandFailure(`No account's name contains "${name}"`);
  const listed = candidates.slice(0, mostCandidatesListed).map((candidate) => `  ${candidate.id}  ${candidate.name}`);
  const more = candidates.length > mostCandidatesListed ? [`  … and more: give more of the name`] : [];
  throw new CommandFailure([`Several accounts match "${name}"; run again with --account <id>:`, ...listed, ...more].join("\n"));
}
