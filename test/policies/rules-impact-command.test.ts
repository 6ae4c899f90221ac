import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataSource } from "typeorm";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { createAccount } from "../support/factories";
import { openTestDataSource, testDatabaseUrl } from "../support/test-database";
import { EditableRuleFiles, minimalRuleFiles, rule, writeRulesFolder } from "./support/rule-fixtures";
import { capturePrintedOutput } from "../support/printed-output";

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   the tests edit rule files as free JSON (EditableRuleFiles is any), to write what the types would refuse */

/** `npm run rules:impact` as a team's CI runs it: the draft checked, its cases run, every decision's matrix printed. */
describe("rules:impact", () => {
  let dataSource: DataSource;
  let rulesDirectory: string;
  const printed = capturePrintedOutput();
  beforeAll(async () => {
    dataSource = await openTestDataSource();
    // An account with no orders: bronze under the minimal rules, so that a draft moving bronze moves it.
    await createAccount(dataSource);
    rulesDirectory = await writeRulesFolder(minimalRuleFiles());
  });
  afterAll(() => dataSource.destroy());

  async function impactOf(
    edit: (files: EditableRuleFiles) => void,
    family: keyof EditableRuleFiles,
    settings: NodeJS.ProcessEnv = {},
    options: string[] = [],
  ): Promise<number> {
    const files = minimalRuleFiles();
    edit(files);
    const draft = path.join(await mkdtemp(path.join(tmpdir(), "draft-")), `${family}.json`);
    await writeFile(draft, JSON.stringify(files[family], null, 2));
    return runCommandLine(["rules:impact", "--draft", draft, ...options], { DATABASE_URL: testDatabaseUrl(), RULES_DIRECTORY: rulesDirectory, ...settings });
  }

  const silverByDefault = (files: EditableRuleFiles) => {
    files.tiering.default.tier = "silver";
  };

  test("when a draft gives accounts an action and passes its cases, then every decision's matrix is printed and it exits 0", async () => {
    const callEveryone = rule("Call everyone", 10, [{ fact: "loyaltyPoints", operator: "greaterThanInclusive", value: 0 }], "action", {
      action: "account_manager_call",
    });
    const exitCode = await impactOf((files) => {
      files["retention-barriers"].rules.push(callEveryone);
    }, "retention-barriers");

    expect(printed.err).toEqual([]);
    expect(exitCode).toBe(exitCodes.success);
    const output = printed.out.join("\n");
    expect(output).toMatch(/^retention-barriers: action account_manager_call — [1-9][\d,]* of [\d,]+ would change\nnow \\ draft +absent +present$/m);
    expect(output).toMatch(/^ {2}e\.g\. .+ \(\S+\): absent -> present$/m);
    for (const decision of [
      "tiering: tier",
      "tiering: lifecycle stage",
      "retention-barriers: risk",
      "retention-barriers: let go",
      "retention-barriers: signal orders_falling",
    ])
      expect(output).toMatch(new RegExp(`^${decision} — 0 of [\\d,]+ would change$`, "m"));
    for (const decision of ["priority level", "lane", "first response due", "resolution due"])
      expect(output).toMatch(new RegExp(`^service-priority: ${decision} — 0 of`, "m"));
    expect(output).toMatch(/^[1-9][\d,]* of [\d,]+ accounts would change \(.+%\)/m);
    expect(output).toMatch(/^The draft passes its 3 test case\(s\)\.$/m);
  });

  test("when a draft fails a test case, then it prints the matrices and the warning, names the case and exits 1", async () => {
    const exitCode = await impactOf(silverByDefault, "tiering", { RULES_PREVIEW_WARNING_SHARE: "0" });

    expect(exitCode).toBe(exitCodes.failed);
    const output = printed.out.join("\n");
    expect(output).toMatch(/^tiering: tier — [1-9][\d,]* of [\d,]+ would change$/m);
    expect(output).toMatch(/^WARNING: This draft changes a decision for [1-9][\d,]* of [\d,]+ accounts \(.+\), more than the 0% /m);
    expect(printed.err.join("\n")).toMatch(
      /^The draft fails its test cases: 1 problem\(s\)\.\n {2}.*tests\/tiering\.json:\d+:\d+ test case "no revenue is bronze" .*expected tier "bronze", got "silver"/,
    );
  });

  test("when the draft comes with its own cases (--tests), then those run on it instead of the rules folder's", async () => {
    const cases = await writeRulesFolder(minimalRuleFiles(), {
      "tiering.json": { family: "tiering", cases: [{ name: "no revenue is silver now", facts: { revenue12m: 0, orders12m: 0 }, expect: { tier: "silver" } }] },
    });

    const exitCode = await impactOf(silverByDefault, "tiering", {}, ["--tests", path.join(cases, "tests")]);

    expect(printed.err).toEqual([]);
    expect(exitCode).toBe(exitCodes.success);
    expect(printed.out.join("\n")).toMatch(/^The draft passes its 3 test case\(s\)\.$/m);
  });

  test("when a draft is not valid, then it exits 1 with its problems and compares nothing", async () => {
    const exitCode = await impactOf((files) => {
      files.tiering.rules[0].conditions.all[0].fact = "revenu12m";
    }, "tiering");

    expect(exitCode).toBe(exitCodes.failed);
    expect(printed.err.join("\n")).toMatch(/^The draft is not valid:\n.*unknown fact "revenu12m"/);
    expect(printed.out.join("\n")).not.toMatch(/would change/);
  });
});
