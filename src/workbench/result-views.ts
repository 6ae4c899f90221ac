import { element } from "./dom";
import { AccountExplanation, DecisionImpact, RuleImpact, RuleProblem, TestRun } from "./operations";

/** Where a problem is and what to do, in one line: "rules/tiering.json 12:7 · rule gold · $.rules[3]…: message. Fix: …". */
export function problemText(problem: RuleProblem): string {
  const where = [problem.rule && `rule ${problem.rule}`, problem.testCase && `case ${problem.testCase}`, problem.path].filter(Boolean).join(" · ");
  return `${problem.file} ${problem.line}:${problem.column} · ${where}: ${problem.message}`;
}

/** The problems as a list; `select` moves the editor to one. */
export function problemList(problems: RuleProblem[], select: (problem: RuleProblem) => void): HTMLElement {
  if (problems.length === 0) return element("p", { class: "good" }, "No problems.");
  const items = problems.map((problem) => {
    const item = element(
      "li",
      {},
      element("a", { href: "#", class: "problem" }, problemText(problem)),
      problem.fix && element("div", { class: "fix" }, `Fix: ${problem.fix}`),
    );
    item.querySelector("a")!.addEventListener("click", (event) => {
      event.preventDefault();
      select(problem);
    });
    return item;
  });
  return element("div", {}, element("p", { class: "bad" }, `${problems.length} problem${problems.length === 1 ? "" : "s"}:`), element("ul", {}, ...items));
}

export function testRunView(run: TestRun): HTMLElement {
  const rows = run.cases.map((testCase) =>
    element(
      "tr",
      { class: testCase.passed ? "passed" : "failed", "data-testid": "test-case" },
      element("td", {}, testCase.family),
      element("td", {}, testCase.name),
      element("td", {}, testCase.passed ? "passed" : "failed"),
      element("td", {}, testCase.problems.map(problemText).join("\n")),
    ),
  );
  return element(
    "div",
    {},
    element(
      "p",
      { class: run.failed === 0 && run.problems.length === 0 ? "good" : "bad", "data-testid": "test-summary" },
      `${run.passed} passed, ${run.failed} failed`,
    ),
    run.problems.length > 0 && element("ul", {}, ...run.problems.map((problem) => element("li", {}, problemText(problem)))),
    element(
      "table",
      {},
      element("thead", {}, element("tr", {}, ...["Family", "Case", "Result", "Problems"].map((name) => element("th", {}, name)))),
      element("tbody", {}, ...rows),
    ),
  );
}

/** The impact of a draft on live data: the warning, then per decision its from → to matrix and examples. */
export function impactView(impact: RuleImpact, explain: (accountId: string, subject: string) => void): HTMLElement {
  const share = `${(impact.changedShare * 100).toFixed(1)} %`;
  return element(
    "div",
    {},
    impact.warning && element("p", { class: "warning", role: "alert", "data-testid": "impact-warning" }, impact.warning),
    element(
      "p",
      { "data-testid": "impact-summary" },
      `${impact.accountsChanged} of ${impact.accounts} accounts would change (${share}); ${impact.openTickets} open tickets looked at.`,
    ),
    ...impact.decisions.map((decision) => decisionView(decision, explain)),
  );
}

function decisionView(decision: DecisionImpact, explain: (accountId: string, subject: string) => void): HTMLElement {
  // Rows and columns in the order the rule files declare the values (tiers best first), those met only.
  const from = decision.values.filter((value) => decision.cells.some((cell) => cell.from === value));
  const to = decision.values.filter((value) => decision.cells.some((cell) => cell.to === value));
  const count = (row: string, column: string) => decision.cells.find((cell) => cell.from === row && cell.to === column)?.count ?? 0;
  const matrix = element(
    "table",
    { class: "matrix", "aria-label": `${decision.family} ${decision.decision}: from (rows) to (columns)` },
    element("thead", {}, element("tr", {}, element("th", {}, "from \\ to"), ...to.map((column) => element("th", {}, column)))),
    element(
      "tbody",
      {},
      ...from.map((row) =>
        element(
          "tr",
          {},
          element("th", {}, row),
          ...to.map((column) => element("td", { class: row === column ? "same" : count(row, column) > 0 ? "moved" : "" }, String(count(row, column) || ""))),
        ),
      ),
    ),
  );
  const examples = decision.examples.map((example) => {
    const link = element("a", { href: "#", "aria-label": `Explain ${example.subject}` }, example.subject);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      explain(example.accountId, example.subject);
    });
    return element("li", {}, link, `: ${example.from} → ${example.to}`);
  });
  return element(
    "section",
    { class: "decision", "data-testid": "decision" },
    element("h4", {}, `${decision.family} · ${decision.decision}: ${decision.changed} of ${decision.total} change`),
    decision.cells.length > 0 ? matrix : element("p", {}, "No change."),
    examples.length > 0 && element("ul", { class: "examples" }, ...examples),
  );
}

/** Why the rules in service decided as they did for one account. */
export function explanationView(account: AccountExplanation): HTMLElement {
  const assessment = account.assessment;
  const explanation = assessment?.explanation;
  if (!assessment || !explanation) return element("p", {}, `${account.name}: no assessment yet.`);
  const rules = explanation.firedRules.map((fired) =>
    element(
      "li",
      {},
      element("strong", {}, `${fired.rule}`),
      ` (priority ${fired.priority}${fired.decided ? ", decided" : ""}): ${fired.event.type} ${JSON.stringify(fired.event.params)}`,
      element(
        "ul",
        {},
        ...fired.conditions.map((condition) =>
          element(
            "li",
            { class: condition.outcome === "PASSED" ? "good" : "bad" },
            `${condition.fact} ${condition.operator} ${JSON.stringify(condition.expected)}: was ${JSON.stringify(condition.actual)} (${condition.outcome.toLowerCase()})`,
          ),
        ),
      ),
    ),
  );
  return element(
    "div",
    {},
    element("h4", {}, `${account.name}: ${assessment.tier}, ${assessment.lifecycleStage}`),
    element("p", {}, `Decided by version ${explanation.rulesVersion} (${explanation.hitPolicy}).`),
    rules.length > 0 ? element("ul", {}, ...rules) : element("p", {}, "No rule fired."),
    explanation.defaults.length > 0 && element("p", {}, `From the defaults: ${explanation.defaults.join(", ")}`),
  );
}
