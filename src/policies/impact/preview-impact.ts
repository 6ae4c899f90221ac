import { DataSource } from "typeorm";
import { encodeGlobalId } from "../../shared/global-id";
import { AccountPolicyOutcome } from "../evaluation/assess";
import { ServicePriorityOutcome } from "../evaluation/service-priority-policy";
import { evaluateBatch, EvaluatedBatch, gatherFacts, GatheredFacts } from "../reassessment";
import { RuleSet } from "../rule-set";
import { accountDecisions, ComparedDecision, ticketDecisions } from "./impact-decisions";
import { ImpactMatrix } from "./impact-matrix";
import { RuleImpact } from "./rule-impact";

export interface PreviewImpactOptions {
  /** Above this share of accounts changed (0 to 1), the result carries a warning: RULES_PREVIEW_WARNING_SHARE. */
  warningShare: number;
  onProgress?: (done: number, total: number) => void;
}

const batchSize = 1000;

interface Tally<Outcome> {
  decision: ComparedDecision<Outcome>;
  matrix: ImpactMatrix;
}

/** Where a preview counts, batch after batch. */
interface Tallies {
  accounts: Tally<AccountPolicyOutcome>[];
  tickets: Tally<ServicePriorityOutcome>[];
  accountCount: number;
  ticketCount: number;
  changedAccounts: Set<string>;
}

/**
 * Evaluates every account and open ticket with the rules in service and with a draft, side by side,
 * and counts, for every decision, who would move where. Reads only: nothing is written. Evaluation
 * steps aside for other work of the process as a re-evaluation does, so the API may run it.
 */
export async function previewImpact(dataSource: DataSource, current: RuleSet, draft: RuleSet, options: PreviewImpactOptions): Promise<RuleImpact> {
  const tallies: Tallies = {
    accounts: accountDecisions(current, draft).map(tallyOf),
    tickets: ticketDecisions(current, draft).map(tallyOf),
    accountCount: 0,
    ticketCount: 0,
    changedAccounts: new Set(),
  };
  const asOf = new Date();
  const [{ total }]: { total: number }[] = await dataSource.query("SELECT count(*)::int AS total FROM accounts");
  let lastId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const accounts: { id: string; name: string }[] = await dataSource.query("SELECT id, name FROM accounts WHERE id > $1 ORDER BY id LIMIT $2", [
      lastId,
      batchSize,
    ]);
    if (accounts.length === 0) break;
    const gathered = await gatherFacts(
      dataSource.manager,
      accounts.map((account) => account.id),
      asOf,
    );
    compareBatch(
      new Map(accounts.map((account) => [account.id, account.name])),
      gathered,
      await evaluateBatch(current, gathered),
      await evaluateBatch(draft, gathered),
      tallies,
    );
    lastId = accounts[accounts.length - 1].id;
    options.onProgress?.(tallies.accountCount, Math.max(total, tallies.accountCount));
  }
  return summarize(tallies, options.warningShare);
}

function tallyOf<Outcome>(decision: ComparedDecision<Outcome>): Tally<Outcome> {
  return { decision, matrix: new ImpactMatrix(decision.family, decision.decision, decision.order) };
}

function compareBatch(names: Map<string, string>, gathered: GatheredFacts, now: EvaluatedBatch, drafted: EvaluatedBatch, tallies: Tallies): void {
  // evaluateBatch keeps the order of the gathered facts, so the two evaluations line up index by index.
  now.assessments.forEach(({ accountId, outcome }, index) => {
    const draftOutcome = drafted.assessments[index].outcome;
    const example = { accountId: encodeGlobalId("Account", accountId), subject: names.get(accountId)! };
    for (const { decision, matrix } of tallies.accounts) {
      if (matrix.add({ ...example, from: decision.valueOf(outcome), to: decision.valueOf(draftOutcome) })) tallies.changedAccounts.add(accountId);
    }
  });
  now.priorities.forEach(({ ticketId, outcome }, index) => {
    const draftOutcome = drafted.priorities[index].outcome;
    const { accountId } = gathered.openTickets.get(ticketId)!;
    const example = { accountId: encodeGlobalId("Account", accountId), subject: `ticket ${ticketId} of ${names.get(accountId)}` };
    for (const { decision, matrix } of tallies.tickets) {
      if (matrix.add({ ...example, from: decision.valueOf(outcome), to: decision.valueOf(draftOutcome) })) tallies.changedAccounts.add(accountId);
    }
  });
  tallies.accountCount += now.assessments.length;
  tallies.ticketCount += now.priorities.length;
}

function summarize(tallies: Tallies, warningShare: number): RuleImpact {
  const accountsChanged = tallies.changedAccounts.size;
  const changedShare = tallies.accountCount === 0 ? 0 : accountsChanged / tallies.accountCount;
  return {
    accounts: tallies.accountCount,
    openTickets: tallies.ticketCount,
    accountsChanged,
    changedShare,
    warning: changedShare > warningShare ? wideChangeWarning(accountsChanged, tallies.accountCount, warningShare) : null,
    decisions: [...tallies.accounts, ...tallies.tickets].map(({ matrix }) => matrix.result()),
  };
}

/** Plain words: a change this wide is more often a slip (a threshold, a unit) than the intent. */
function wideChangeWarning(changed: number, accounts: number, warningShare: number): string {
  const percent = (share: number) => share.toLocaleString("en", { style: "percent", maximumFractionDigits: 1 });
  return (
    `This draft changes a decision for ${changed.toLocaleString("en")} of ${accounts.toLocaleString("en")} accounts (${percent(changed / accounts)}), ` +
    `more than the ${percent(warningShare)} above which a change is flagged. ` +
    "A change this wide is more often a slip (a threshold, a unit, a missing condition) than the intent: check the matrices and examples before it goes live."
  );
}
