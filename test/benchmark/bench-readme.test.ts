import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BenchReadmeError, findReadmeBenchTable, renderBenchTable, replaceReadmeBenchTable } from "../../src/benchmark/bench-readme";
import { BenchReport } from "../../src/benchmark/bench-report";
import { benchReport, operationFigures } from "./bench-fixtures";

const repository = path.resolve(__dirname, "../..");

describe("the README's benchmark table (npm run bench:readme)", () => {
  test("when the README shows benchmark figures, then they are the table written from the committed result file it names", () => {
    const readme = readFileSync(path.join(repository, "README.md"), "utf8");
    const shown = findReadmeBenchTable(readme);
    expect(shown).toBeDefined();
    const { resultFile, table } = shown!;
    // Tracked (or at least staged) by git: a figure must come from a file others can read.
    expect(() => execFileSync("git", ["ls-files", "--error-unmatch", resultFile], { cwd: repository, stdio: "ignore" })).not.toThrow();
    const report = JSON.parse(readFileSync(path.join(repository, resultFile), "utf8")) as BenchReport;
    expect(table).toBe(renderBenchTable(report, resultFile));
  });

  test("when the table is rewritten from a result file, then only what lies between the markers changes and the start marker names the file", () => {
    const readme = "# Title\n\nBefore.\n\n<!-- bench-table bench-results/old.json -->\n| old | table |\n<!-- /bench-table -->\n\nAfter.\n";
    const report = benchReport([operationFigures("account-360-page-50", { cpu: 5.5, statements: 2, p50: 80, p99: 200 })]);
    const rewritten = replaceReadmeBenchTable(readme, "bench-results/2026-07-04-test-box.json", report);
    expect(rewritten.startsWith("# Title\n\nBefore.\n\n<!-- bench-table bench-results/2026-07-04-test-box.json -->\n")).toBe(true);
    expect(rewritten.endsWith("<!-- /bench-table -->\n\nAfter.\n")).toBe(true);
    expect(findReadmeBenchTable(rewritten)).toEqual({
      resultFile: "bench-results/2026-07-04-test-box.json",
      table: renderBenchTable(report, "bench-results/2026-07-04-test-box.json"),
    });
    expect(rewritten).toContain("| account-360-page-50: account-360-page-50 | 10 | 80 | 200 | 5.50 | 2.00 | 1,000 | 20 | 200 |");
    expect(rewritten).toContain("| support queue: server CPU <= 3 ms/request | 2.90 ms | met |");
    expect(rewritten).toContain("on `test-box` (Test CPU, 2 cores, 8 GB, Node v20.0.0, PostgreSQL 15.0) at commit `0123456789ab`");
    expect(rewritten).toContain("load average 1.5 at the start, 2.3 at the end");
  });

  test("when the README has no markers, or an unclosed one, then the rewrite is refused", () => {
    const report = benchReport([]);
    expect(() => replaceReadmeBenchTable("# Title\n", "bench-results/x.json", report)).toThrow(BenchReadmeError);
    expect(() => replaceReadmeBenchTable("<!-- bench-table bench-results/x.json -->\n| a |\n", "bench-results/x.json", report)).toThrow(BenchReadmeError);
  });
});
