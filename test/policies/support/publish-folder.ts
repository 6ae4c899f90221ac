import { DataSource } from "typeorm";
import { JobQueue } from "../../../src/jobs/job-queue";
import { checkRulesFolder, publishRulesFolder } from "../../../src/policies/publication/rules-folder";

/** What npm run rules:publish does: the folder, checked, put in service; returns its version. */
export async function publishFolder(dataSource: DataSource, directory: string, queue: JobQueue, comment = "test"): Promise<string> {
  const folder = await checkRulesFolder(directory);
  if (!folder.tested.ruleSet) throw new Error(`the folder does not check: ${JSON.stringify(folder.tested.problems)}`);
  await publishRulesFolder(dataSource, folder, { actor: { name: "test", keyId: "test" }, comment }, queue);
  return folder.tested.ruleSet.version;
}
