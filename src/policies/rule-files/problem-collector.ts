import { JsonDocument } from "./json-document";
import { formatJsonPath, JsonPath, RuleProblem } from "./rule-problem";

/** Gathers every problem of one file, located by JSON path; the rule's name is added when known. */
export class ProblemCollector {
  readonly problems: RuleProblem[] = [];

  constructor(
    readonly file: string,
    private readonly document: JsonDocument,
    /** What the names given to report() are: rules in rule files, cases in test files. */
    private readonly subject: "rule" | "testCase" = "rule",
  ) {}

  report(path: JsonPath, message: string, name?: string): void {
    const { line, column } = this.document.locate(path);
    this.problems.push({ file: this.file, line, column, path: formatJsonPath(path), message, ...(name === undefined ? {} : { [this.subject]: name }) });
  }

  /** Whether a problem was already reported at this path or inside it (so later checks do not repeat it). */
  hasProblemWithin(path: JsonPath): boolean {
    const prefix = formatJsonPath(path);
    return this.problems.some((problem) => problem.path === prefix || problem.path.startsWith(`${prefix}.`) || problem.path.startsWith(`${prefix}[`));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The closest known name, for "did you mean"; undefined when nothing is close. */
function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(candidate.length / 4)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[right.length];
}

export function didYouMean(name: string, known: Iterable<string>): string {
  const suggestion = closestName(name, known);
  return suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
}
