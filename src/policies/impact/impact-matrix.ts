/** How many subjects (accounts or open tickets) a draft moves from one outcome to another, with examples. */
export class ImpactMatrix {
  readonly counts = new Map<string, Map<string, number>>();
  readonly examples: { subject: string; from: string; to: string }[] = [];
  total = 0;
  changed = 0;

  constructor(
    readonly family: string,
    readonly decision: string,
    private readonly exampleLimit = 5,
  ) {}

  add(subject: string, from: string, to: string): void {
    this.total++;
    const row = this.counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    this.counts.set(from, row);
    if (from === to) return;
    this.changed++;
    if (this.examples.filter((example) => example.from === from && example.to === to).length < 2 && this.examples.length < this.exampleLimit) {
      this.examples.push({ subject, from, to });
    }
  }

  /** The matrix as aligned text: rows are today's outcomes, columns the draft's. */
  render(order: readonly string[] = []): string {
    const outcomes = [...new Set([...order, ...this.counts.keys(), ...[...this.counts.values()].flatMap((row) => [...row.keys()])])].filter(
      (outcome) => this.counts.has(outcome) || [...this.counts.values()].some((row) => row.has(outcome)),
    );
    const width = Math.max(10, ...outcomes.map((outcome) => outcome.length + 2));
    const cell = (text: string) => text.padStart(width);
    const header = `${"now \\ draft".padEnd(width)}${outcomes.map(cell).join("")}`;
    const rows = outcomes
      .filter((from) => this.counts.has(from))
      .map((from) => `${from.padEnd(width)}${outcomes.map((to) => cell((this.counts.get(from)?.get(to) ?? 0).toLocaleString("en"))).join("")}`);
    const examples = this.examples.map((example) => `  e.g. ${example.subject}: ${example.from} -> ${example.to}`);
    const title = `${this.family}: ${this.decision} — ${this.changed.toLocaleString("en")} of ${this.total.toLocaleString("en")} would change`;
    return [title, header, ...rows, ...examples].join("\n");
  }
}
