import { DataSource } from "typeorm";
import { reassessAccounts, ReassessmentSummary, ReassessmentTimings } from "./reassessment";
import { RuleSet } from "./rule-set";

export interface ReevaluationOptions {
  batchSize?: number;
  asOf?: Date;
  /** Called after each batch with the accounts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between batches (a newer rule set arrived, or the server is shutting down). */
  signal?: AbortSignal;
  timings?: ReassessmentTimings;
}

export interface ReevaluationSummary extends ReassessmentSummary {
  rulesVersion: string;
  batches: number;
  completed: boolean;
  milliseconds: number;
}

const defaultBatchSize = 1000;

/**
 * Re-evaluates every account (and its open tickets) in batches by id, one transaction per batch, so a
 * long run holds no lock for long and a stopped run leaves every batch it finished written.
 */
export async function reevaluateAllAccounts(dataSource: DataSource, ruleSet: RuleSet, options: ReevaluationOptions = {}): Promise<ReevaluationSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? defaultBatchSize;
  const asOf = options.asOf ?? new Date();
  const [{ total }] = await dataSource.query("SELECT count(*)::int AS total FROM accounts");
  const summary: ReevaluationSummary = { rulesVersion: ruleSet.version, accounts: 0, accountsChanged: 0, tickets: 0, ticketsChanged: 0, batches: 0, completed: false, milliseconds: 0 };
  let lastId: string | null = null;
  while (!options.signal?.aborted) {
    const ids: string[] = await nextBatchOfIds(dataSource, lastId, batchSize);
    if (ids.length === 0) {
      summary.completed = true;
      break;
    }
    const batch = await dataSource.transaction((manager) => reassessAccounts(manager, ids, ruleSet, asOf, options.timings));
    addTo(summary, batch);
    summary.batches++;
    lastId = ids[ids.length - 1];
    options.onProgress?.(summary.accounts, Math.max(total, summary.accounts));
  }
  summary.milliseconds = Date.now() - started;
  return summary;
}

async function nextBatchOfIds(dataSource: DataSource, after: string | null, limit: number): Promise<string[]> {
  const rows: { id: string }[] = after === null
    ? await dataSource.query("SELECT id FROM accounts ORDER BY id LIMIT $1", [limit])
    : await dataSource.query("SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2", [after, limit]);
  return rows.map((row) => row.id);
}

function addTo(summary: ReassessmentSummary, batch: ReassessmentSummary): void {
  summary.accounts += batch.accounts;
  summary.accountsChanged += batch.accountsChanged;
  summary.tickets += batch.tickets;
  summary.ticketsChanged += batch.ticketsChanged;
}
