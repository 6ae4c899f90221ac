import { DataSource } from "typeorm";
import { JobQueue } from "../../../src/jobs/job-queue";
import { checkRulesFolder } from "../../../src/policies/publication/rules-folder";
import { activate } from "../../../src/policies/publication/rule-set-publication";

/** What npm run rules:publish does: the folder, checked, put in service; returns its version. */
export async function publishFolder(dataSource: DataSource, directory: string, queue: JobQueue, comment = "test"): Promise<string> {
  const folder = await checkRulesFolder(directory);
  if (!folder.tested.ruleSet) throw new Error(`the folder does not check: ${JSON.stringify(folder.tested.problems)}`);
  const version = folder.tested.ruleSet.version;
  await activate(dataSource, { version, sources: folder.sources.rules, tests: folder.sources.tests }, { reason: "published", by: "test", comment }, queue);
  return version;
}
