import { readFile } from "node:fs/promises";
import path from "node:path";
import { DataSource } from "typeorm";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { activeRuleSet } from "../../src/policies/publication/rule-set-publication";
import { ruleAudit } from "../../src/policies/publication/rule-audit";
import { ruleSetHistory } from "../../src/policies/publication/rule-set-history";
import { openTestDataSource, testDatabaseUrl } from "../support/test-database";
import { minimalRuleFiles, writeRulesFolder } from "./support/rule-fixtures";
import { capturePrintedOutput } from "../support/printed-output";

/* eslint-disable @typescript-eslint/no-unsafe-member-access -- the tests edit rule files as free JSON (EditableRuleFiles is any) */

/** The file route for teams that keep rules in git: publish the folder, pull the version in service, roll back. */
describe("rules:publish, rules:pull and rules:rollback", () => {
  let dataSource: DataSource;
  const printed = capturePrintedOutput();
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  const run = (rulesDirectory: string, ...commandLine: string[]) =>
    runCommandLine(commandLine, { DATABASE_URL: testDatabaseUrl(), RULES_DIRECTORY: rulesDirectory, JOB_QUEUE_SCHEMA: "job_queue_rules_commands" });

  test("when a folder is published with a comment, then it is in service with its cases, author and comment; pulled, it is written to another folder", async () => {
    const files = minimalRuleFiles();
    files.tiering.rules[1].conditions.all[0].value = 9100;
    const folder = await writeRulesFolder(files);
    expect(await run(folder, "rules:publish", "--comment", "silver from 9,100")).toBe(exitCodes.success);
    const active = (await activeRuleSet(dataSource.manager))!;
    expect(active.sources.tiering.text).toContain("9100");
    expect(active.tests?.tiering.text).toBe(await readFile(path.join(folder, "tests", "tiering.json"), "utf8"));
    const [entry] = await ruleSetHistory(dataSource.manager, 1);
    expect(entry).toMatchObject({ version: active.version, reason: "published", comment: "silver from 9,100" });
    expect(entry.author).toMatch(/\(rules:publish\)$/);
    expect((await ruleAudit(dataSource.manager, 1))[0]).toMatchObject({ action: "published", version: active.version });

    const elsewhere = await writeRulesFolder(minimalRuleFiles());
    expect(await run(elsewhere, "rules:pull")).toBe(exitCodes.success);
    expect(await readFile(path.join(elsewhere, "tiering.json"), "utf8")).toBe(active.sources.tiering.text);
    expect(printed.out.join("\n")).toContain(`Version ${active.version}, in service, is written to`);
  });

  test("when a broken folder or no comment is given, then nothing is published and the exit code says why", async () => {
    const before = (await activeRuleSet(dataSource.manager))?.version;
    const broken = minimalRuleFiles();
    broken.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    const folder = await writeRulesFolder(broken);
    expect(await run(folder, "rules:publish", "--comment", "broken")).toBe(exitCodes.failed);
    expect(printed.err.join("\n")).toMatch(/cannot be published: .*problem.*\n[\s\S]*revenu12m/);
    expect(await run(folder, "rules:publish")).toBe(exitCodes.badUsage);
    expect((await activeRuleSet(dataSource.manager))?.version).toBe(before);
  });

  test("when an operator rolls back with a comment, then the earlier version is in service and the list shows who and why", async () => {
    const first = await writeRulesFolder(minimalRuleFiles());
    await run(first, "rules:publish", "--comment", "the minimal rules");
    const earlier = (await activeRuleSet(dataSource.manager))!.version;
    const files = minimalRuleFiles();
    files.tiering.rules[1].conditions.all[0].value = 9200;
    await run(await writeRulesFolder(files), "rules:publish", "--comment", "silver from 9,200");
    expect(await run(first, "rules:rollback", "--to", earlier)).toBe(exitCodes.badUsage);
    expect(await run(first, "rules:rollback", "--to", earlier, "--comment", "9,200 was too low")).toBe(exitCodes.success);
    expect((await activeRuleSet(dataSource.manager))!.version).toBe(earlier);
    printed.out.length = 0;
    expect(await run(first, "rules:rollback")).toBe(exitCodes.success);
    expect(printed.out[0]).toMatch(new RegExp(`^\\* ${earlier} .* rollback .*\\(rules:rollback\\)  "9,200 was too low"$`));
  });
});
