import { DataSource } from "typeorm";
import { accountsEvaluated, evaluationBatchSeconds } from "../../metrics/metrics";
import { AccountBatches, reevaluate, ReevaluationSummary } from "../reevaluation";
import { RuleSet } from "../rule-set";
import { claimBatch, completeBatch, releaseBatch } from "./rule-set-publication";

/**
 * Works through an activation's re-evaluation with every other process of the group, in the one
 * re-evaluation loop: claims the next free batch, evaluates it and writes its results and its "done"
 * in one transaction, until no batch is left or the signal says a newer activation came (or the
 * process stops: a batch claimed but not begun is given back).
 */
export async function workOnBatches(
  dataSource: DataSource,
  activationId: number,
  ruleSet: RuleSet,
  worker: string,
  signal: AbortSignal,
): Promise<ReevaluationSummary> {
  return reevaluate(dataSource, ruleSet, claimedBatches(dataSource, activationId, worker), {
    signal,
    onBatch(written, seconds) {
      evaluationBatchSeconds.observe(seconds);
      accountsEvaluated.inc(written.accounts);
    },
  });
}

function claimedBatches(dataSource: DataSource, activationId: number, worker: string): AccountBatches {
  return {
    async next() {
      const batch = await claimBatch(dataSource, activationId, worker);
      if (!batch) return undefined;
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM accounts WHERE id BETWEEN $1 AND $2 ORDER BY id`, [
        batch.firstAccountId,
        batch.lastAccountId,
      ]);
      return {
        accountIds: rows.map((row) => row.id),
        complete: (manager, accounts) => completeBatch(manager, activationId, batch, accounts),
        release: () => releaseBatch(dataSource, activationId, batch, worker),
      };
    },
  };
}
