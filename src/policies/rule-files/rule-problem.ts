/** One thing wrong with a rule file, located so that an analyst can go straight to it. */
export interface RuleProblem {
  /** The file as the analyst knows it, e.g. rules/tiering.json. */
  file: string;
  line: number;
  column: number;
  /** The rule's name when the problem is inside a rule. */
  rule?: string;
  /** The test case's name when the problem is a failing or malformed analyst test case. */
  testCase?: string;
  /** Where in the file, as a JSON path: $.rules[3].conditions.all[0].fact */
  path: string;
  /** What is wrong, as a statement. */
  message: string;
  /** What to do about it, in plain words (the nearest fact names, the range in its unit, the limit and how to stay within it). */
  fix?: string;
}

export function describeProblem(problem: RuleProblem): string {
  const subject = problem.rule !== undefined ? `rule "${problem.rule}" ` : problem.testCase !== undefined ? `test case "${problem.testCase}" ` : "";
  const where = subject ? `${subject}(${problem.path})` : problem.path;
  const fix = problem.fix === undefined ? "" : ` Fix: ${problem.fix}`;
  return `${problem.file}:${problem.line}:${problem.column} ${where}: ${problem.message}${fix}`;
}

export type JsonPath = ReadonlyArray<string | number>;

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : `${text}.${segment}`), "$");
}
