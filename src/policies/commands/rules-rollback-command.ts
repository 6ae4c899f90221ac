import { hostname, userInfo } from "node:os";
import { parseArgs } from "node:util";
import { publishedVersions, rollBackTo, UnknownRuleSetVersionError } from "../publication/rule-set-publication";
import { runCommand, withDatabase } from "./command-support";

/**
 * npm run rules:rollback -- --to <version>: puts an earlier published rule set back in service on every
 * server process of the group (within a second) and re-evaluates the accounts with it. Without --to,
 * lists the published versions. The rules folder is not touched: a later edit there publishes anew.
 */
runCommand(() =>
  withDatabase("customer-graph-rules-rollback", async (database) => {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { to: { type: "string" } }, strict: true });
    if (values.to === undefined) {
      for (const published of await publishedVersions(database.dataSource.manager)) {
        console.log(`${published.inService ? "*" : " "} ${published.version}  ${published.publishedAt.toISOString()}  ${published.publishedBy}`);
      }
      return 0;
    }
    try {
      const activation = await rollBackTo(database.dataSource, values.to, `${userInfo().username}@${hostname()} (rules:rollback)`);
      console.log(activation === undefined ? `Version ${values.to} is already in service` : `Version ${values.to} is in service again (activation ${activation})`);
      return 0;
    } catch (error) {
      if (!(error instanceof UnknownRuleSetVersionError)) throw error;
      console.error(error.message);
      return 2;
    }
  }),
);
