import { DecisionImpact, RuleImpact } from "./rule-impact";

/** A preview as text for a terminal or a CI log: the summary, the warning, then every decision's matrix. */
export function renderImpact(impact: RuleImpact): string {
  const share = impact.changedShare.toLocaleString("en", { style: "percent", maximumFractionDigits: 1 });
  const summary =
    `${impact.accountsChanged.toLocaleString("en")} of ${impact.accounts.toLocaleString("en")} accounts would change (${share}), ` +
    `their own decisions or their open tickets' (${impact.openTickets.toLocaleString("en")} open tickets compared).`;
  const warning = impact.warning ? [`WARNING: ${impact.warning}`] : [];
  return [[summary, ...warning].join("\n"), ...impact.decisions.map(renderDecision)].join("\n\n");
}

/** One decision's matrix, aligned: rows are today's values, columns the draft's; then its examples. */
export function renderDecision(impact: DecisionImpact): string {
  // Square: every value met is a row and a column, so that the unchanged diagonal reads as one.
  const values = impact.values;
  const width = Math.max(10, ...values.map((value) => value.length + 2));
  const countOf = (from: string, to: string) => impact.cells.find((cell) => cell.from === from && cell.to === to)?.count ?? 0;
  const title = `${impact.family}: ${impact.decision} — ${impact.changed.toLocaleString("en")} of ${impact.total.toLocaleString("en")} would change`;
  if (impact.total === 0) return title;
  const header = `${"now \\ draft".padEnd(width)}${values.map((to) => to.padStart(width)).join("")}`;
  const lines = values.map((from) => `${from.padEnd(width)}${values.map((to) => countOf(from, to).toLocaleString("en").padStart(width)).join("")}`);
  const examples = impact.examples.map((example) => `  e.g. ${example.subject} (${example.accountId}): ${example.from} -> ${example.to}`);
  return [title, header, ...lines, ...examples].join("\n");
}
