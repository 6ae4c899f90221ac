import { DecisionImpact, ImpactExample } from "./rule-impact";

/** How many subjects (accounts or open tickets) a draft moves from one value of a decision to another, with examples. */
export class ImpactMatrix {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly examples: ImpactExample[] = [];
  private total = 0;
  private changed = 0;

  /** `order`: the decision's values as the rule files declare them; a value outside it sorts after, as first met. */
  constructor(
    readonly family: string,
    readonly decision: string,
    private readonly order: readonly string[] = [],
    private readonly exampleLimit = 5,
  ) {}

  /** Counts one subject; true when the draft changes its value. */
  add(example: ImpactExample): boolean {
    const { from, to } = example;
    this.total++;
    const row = this.counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    this.counts.set(from, row);
    if (from === to) return false;
    this.changed++;
    // At most two examples of one move, so that a few examples show several moves.
    const sameMove = this.examples.filter((kept) => kept.from === from && kept.to === to).length;
    if (sameMove < 2 && this.examples.length < this.exampleLimit) this.examples.push(example);
    return true;
  }

  result(): DecisionImpact {
    const values = this.valuesInOrder();
    const cells = values.flatMap((from) => values.map((to) => ({ from, to, count: this.counts.get(from)?.get(to) ?? 0 }))).filter((cell) => cell.count > 0);
    return { family: this.family, decision: this.decision, total: this.total, changed: this.changed, values, cells, examples: [...this.examples] };
  }

  private valuesInOrder(): string[] {
    const met = [...this.counts.entries()].flatMap(([from, row]) => [from, ...row.keys()]);
    const present = new Set(met);
    return [...new Set([...this.order.filter((value) => present.has(value)), ...met])];
  }
}
