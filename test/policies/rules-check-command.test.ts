import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { shippedRulesDirectory } from "../support/test-app";

const run = promisify(execFile);
const commandLine = path.resolve(__dirname, "../../dist/src/commands/cli.js");

async function check(rulesDirectory: string): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [commandLine, "rules:check", "--rules", rulesDirectory]);
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** `npm run rules:check` as analysts run it (the compiled command: npm test builds first). */
describe("rules:check", () => {
  test("when the shipped rules are checked, then they are valid and every analyst test case passes", async () => {
    const { exitCode, output } = await check(shippedRulesDirectory);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^The rules are valid: version [0-9a-f]{12} .*; \d+ test case\(s\) passed\.$/m);
  });

  test("when a copy has a misspelled fact, then it exits 1 naming the file, line, rule and path", async () => {
    const copy = await mkdtemp(path.join(tmpdir(), "rules-copy-"));
    await cp(shippedRulesDirectory, copy, { recursive: true });
    const tieringFile = path.join(copy, "tiering.json");
    await writeFile(tieringFile, (await readFile(tieringFile, "utf8")).replace('"fact": "revenue12m"', '"fact": "revenu12m"'));

    const { exitCode, output } = await check(copy);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/not ready to go live/);
    expect(output).toMatch(
      /rules\/tiering\.json:\d+:\d+ rule ".+" \(\$\.rules\[\d+\]\.conditions\.all\[\d+\]\.fact\): unknown fact "revenu12m"\. Did you mean "revenue12m"\?/,
    );
  });

  async function shippedCopy(): Promise<string> {
    const copy = await mkdtemp(path.join(tmpdir(), "rules-copy-"));
    await cp(shippedRulesDirectory, copy, { recursive: true });
    return copy;
  }

  test("when a family's test file is deleted, then it exits 1: a family without cases cannot be published", async () => {
    const copy = await shippedCopy();
    await rm(path.join(copy, "tests", "tiering.json"));

    const { exitCode, output } = await check(copy);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/tiering has no test cases: a family without cases cannot be published; add at least one case to rules\/tests\/tiering\.json/);
  });

  test("when two test cases share a name, then the second is reported by its place", async () => {
    const copy = await shippedCopy();
    const testsFile = path.join(copy, "tests", "service-priority.json");
    const tests = JSON.parse(await readFile(testsFile, "utf8")) as { cases: Array<{ name: string }> };
    tests.cases[1].name = tests.cases[0].name;
    await writeFile(testsFile, JSON.stringify(tests, null, 2));

    const { exitCode, output } = await check(copy);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/\(\$\.cases\[1\]\.name\): the case name ".+" is used twice: give each case a name of its own/);
  });
});
