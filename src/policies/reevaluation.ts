import { DataSource } from "typeorm";
import { evaluateBatch, gatherFacts, GatheredFacts, ReassessmentSummary, ReassessmentTimings, stopwatch, writeBatch } from "./reassessment";
import { RuleSet } from "./rule-set";

export interface ReevaluationOptions {
  batchSize?: number;
  asOf?: Date;
  /** Called after each batch is written with the accounts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between batches (a newer rule set arrived, or the server is shutting down). */
  signal?: AbortSignal;
  /** Busy time per phase; the phases overlap, so they add up to more than the wall time. */
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
 * Re-evaluates every account (and its open tickets) in batches by id. The database and the engines work
 * at the same time: while the engines run batch n, PostgreSQL computes the facts of batch n+1 and writes
 * batch n-1 (one transaction per batch, so a stopped run leaves every batch it finished written).
 * A result that a mutation wrote meanwhile, with the same rule set, is newer and is kept.
 */
export async function reevaluateAllAccounts(dataSource: DataSource, ruleSet: RuleSet, options: ReevaluationOptions = {}): Promise<ReevaluationSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? defaultBatchSize;
  const asOf = options.asOf ?? new Date();
  const clock = stopwatch(options.timings);
  const [{ total }]: { total: number }[] = await dataSource.query("SELECT count(*)::int AS total FROM accounts");
  const summary: ReevaluationSummary = { rulesVersion: ruleSet.version, accounts: 0, accountsChanged: 0, tickets: 0, ticketsChanged: 0, batches: 0, completed: false, milliseconds: 0 };
  const gather = (ids: string[]) => settled(clock("facts", () => gatherFacts(dataSource.manager, ids, asOf)));
  let ids = await nextBatchOfIds(dataSource, null, batchSize);
  let gathering = ids.length > 0 ? gather(ids) : undefined;
  let writing: Promise<Settled<ReassessmentSummary>> | undefined;
  while (gathering && !options.signal?.aborted) {
    const gathered: GatheredFacts = unwrap(await gathering);
    ids = await nextBatchOfIds(dataSource, ids[ids.length - 1], batchSize);
    gathering = ids.length > 0 ? gather(ids) : undefined;
    const evaluated = await clock("engine", () => evaluateBatch(ruleSet, gathered));
    if (writing) record(summary, unwrap(await writing), total, options);
    writing = settled(clock("writes", () => dataSource.transaction((manager) => writeBatch(manager, evaluated, ruleSet, asOf))));
  }
  if (writing) record(summary, unwrap(await writing), total, options);
  if (gathering) await gathering; // Stopped early: let the facts in flight finish before the pool is used elsewhere.
  summary.completed = !gathering && !options.signal?.aborted;
  summary.milliseconds = Date.now() - started;
  return summary;
}

async function nextBatchOfIds(dataSource: DataSource, after: string | null, limit: number): Promise<string[]> {
  const rows: { id: string }[] =
    after === null
      ? await dataSource.query("SELECT id FROM accounts ORDER BY id LIMIT $1", [limit])
      : await dataSource.query("SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2", [after, limit]);
  return rows.map((row) => row.id);
}

function record(summary: ReevaluationSummary, batch: ReassessmentSummary, total: number, options: ReevaluationOptions): void {
  summary.accounts += batch.accounts;
  summary.accountsChanged += batch.accountsChanged;
  summary.tickets += batch.tickets;
  summary.ticketsChanged += batch.ticketsChanged;
  summary.batches++;
  options.onProgress?.(summary.accounts, Math.max(total, summary.accounts));
}

type Settled<Value> = { value: Value } | { error: unknown };

/** A promise that is awaited later must not reject unobserved in the meantime. */
function settled<Value>(promise: Promise<Value>): Promise<Settled<Value>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function unwrap<Value>(result: Settled<Value>): Value {
  if ("error" in result) throw result.error;
  return result.value;
}
