import { JsonDocument } from "./json-document";
import { formatJsonPath, JsonPath, RuleProblem } from "./rule-problem";

/** A problem as a check words it: what is wrong, and, for the common kinds, what to do about it. */
export type ProblemText = string | { message: string; fix?: string };

/** Gathers every problem of one file, located by JSON path; the rule's name is added when known. */
export class ProblemCollector {
  readonly problems: RuleProblem[] = [];
  /** Where the JSON Schema found problems: the semantic checks read only the parts outside them. */
  private schemaProblemPaths: readonly string[] = [];

  constructor(
    readonly file: string,
    private readonly document: JsonDocument,
    /** What the names given to report() are: rules in rule files, cases in test files. */
    private readonly subject: "rule" | "testCase" = "rule",
  ) {}

  report(path: JsonPath, text: ProblemText, name?: string): void {
    const { line, column } = this.document.locate(path);
    const { message, fix } = typeof text === "string" ? { message: text, fix: undefined } : text;
    this.problems.push({
      file: this.file,
      line,
      column,
      path: formatJsonPath(path),
      message,
      ...(fix === undefined ? {} : { fix }),
      // A rule without a name (the JSON Schema reports it) has none to show.
      ...(name === undefined || name === "" ? {} : { [this.subject]: name }),
    });
  }

  /** Whether a problem was already reported at this path or inside it (so later checks do not repeat it). */
  hasProblemWithin(path: JsonPath): boolean {
    return this.problems.some((problem) => isWithin(problem.path, path));
  }

  /** Marks the problems so far as the JSON Schema's: what follows checks the well-formed parts only. */
  endSchemaCheck(): void {
    this.schemaProblemPaths = this.problems.map((problem) => problem.path);
  }

  /** Whether the JSON Schema found a problem at this path or inside it: its content cannot be read as the types say. */
  isMalformed(path: JsonPath): boolean {
    return this.schemaProblemPaths.some((problemPath) => isWithin(problemPath, path));
  }

  /** Whether the JSON Schema found a problem at exactly this path. */
  isMalformedAt(path: JsonPath): boolean {
    return this.schemaProblemPaths.includes(formatJsonPath(path));
  }
}

function isWithin(problemPath: string, path: JsonPath): boolean {
  const prefix = formatJsonPath(path);
  return problemPath === prefix || problemPath.startsWith(`${prefix}.`) || problemPath.startsWith(`${prefix}[`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The closest known name, for "did you mean"; undefined when nothing is close. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(candidate.length / 4)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** The `count` known names nearest to `name`, nearest first (ties in the order given), however far: what a fix offers instead. */
export function nearestNames(name: string, known: Iterable<string>, count = 3): string[] {
  return [...known]
    .map((candidate, index) => ({ candidate, index, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((left, right) => left.distance - right.distance || left.index - right.index)
    .slice(0, count)
    .map(({ candidate }) => candidate);
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
