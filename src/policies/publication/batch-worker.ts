import { DataSource } from "typeorm";
import { accountsEvaluated, evaluationBatchSeconds } from "../../metrics/metrics";
import { evaluateBatch, gatherFacts, ReassessmentSummary, writeBatch } from "../reassessment";
import { RuleSet } from "../rule-set";
import { claimBatch, completeBatch } from "./rule-set-publication";

export interface WorkSummary extends ReassessmentSummary {
  batches: number;
}

/**
 * Works through an activation's re-evaluation with every other process of the group: claims the next
 * free batch, evaluates it and writes its results and its "done" in one transaction, until no batch
 * is left or the signal says a newer activation came.
 */
export async function workOnBatches(dataSource: DataSource, activationId: number, ruleSet: RuleSet, worker: string, signal: AbortSignal): Promise<WorkSummary> {
  const summary: WorkSummary = { accounts: 0, accountsChanged: 0, tickets: 0, ticketsChanged: 0, batches: 0 };
  const asOf = new Date();
  while (!signal.aborted) {
    const batch = await claimBatch(dataSource, activationId, worker);
    if (!batch) break;
    const started = performance.now();
    const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM accounts WHERE id BETWEEN $1 AND $2 ORDER BY id`, [batch.firstAccountId, batch.lastAccountId]);
    const ids = rows.map((row) => row.id);
    const evaluated = await evaluateBatch(ruleSet, await gatherFacts(dataSource.manager, ids, asOf));
    const written = await dataSource.transaction(async (manager) => {
      const result = await writeBatch(manager, evaluated, ruleSet, asOf);
      await completeBatch(manager, activationId, batch, ids.length);
      return result;
    });
    evaluationBatchSeconds.observe((performance.now() - started) / 1000);
    accountsEvaluated.inc(written.accounts);
    summary.accounts += written.accounts;
    summary.accountsChanged += written.accountsChanged;
    summary.tickets += written.tickets;
    summary.ticketsChanged += written.ticketsChanged;
    summary.batches++;
  }
  return summary;
}
