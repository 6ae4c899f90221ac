import { DataSource, EntityManager } from "typeorm";
import { evaluateBatch, gatherFacts, GatheredFacts, ReassessmentSummary, ReassessmentTimings, stopwatch, writeBatch } from "./reassessment";
import { RuleSet } from "./rule-set";

/** A batch of accounts to re-evaluate, and what its source needs to know about it. */
export interface AccountBatch {
  accountIds: string[];
  /** Runs in the transaction that writes the batch's results (a queued job is completed there). */
  complete?(manager: EntityManager, accounts: number): Promise<void>;
}

/**
 * Where the loop takes its batches: every account in id order (a command), or the jobs a server process
 * takes from the queue (src/policies/publication/reevaluation-jobs.ts).
 */
export interface AccountBatches {
  /** The next batch; none when the work is done. */
  next(): Promise<AccountBatch | undefined>;
  /** Accounts in all, when known: progress is shown against it. */
  total?: number;
}

export interface ReevaluationOptions {
  batchSize?: number;
  asOf?: Date;
  /** Called after each batch is written with the accounts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Called after each batch is written, with what it wrote and the seconds from taking it to its commit. */
  onBatch?: (written: ReassessmentSummary, seconds: number) => void;
  /** Stops between batches (a newer rule set arrived, or the process is stopping). */
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

/** Re-evaluates every account (and its open tickets), in batches by id. */
export async function reevaluateAllAccounts(dataSource: DataSource, ruleSet: RuleSet, options: ReevaluationOptions = {}): Promise<ReevaluationSummary> {
  return reevaluate(dataSource, ruleSet, await allAccounts(dataSource, options.batchSize ?? defaultBatchSize), options);
}

interface TakenBatch {
  batch: AccountBatch;
  facts: GatheredFacts;
  takenAt: number;
}

interface WrittenBatch {
  written: ReassessmentSummary;
  takenAt: number;
}

/**
 * The one re-evaluation loop, of the commands and of the server. The database and the engines work at
 * the same time: while the engines run batch n, PostgreSQL computes the facts of batch n+1 and writes
 * batch n-1 (one transaction per batch, so a stopped run leaves every batch it finished written). The
 * engines step aside for the event loop as they go (evaluateBatch), so that a server keeps answering.
 * A result that a mutation wrote meanwhile, with the same rule set, is newer and is kept.
 */
export async function reevaluate(
  dataSource: DataSource,
  ruleSet: RuleSet,
  batches: AccountBatches,
  options: ReevaluationOptions = {},
): Promise<ReevaluationSummary> {
  const started = Date.now();
  const asOf = options.asOf ?? new Date();
  const clock = stopwatch(options.timings);
  const summary: ReevaluationSummary = {
    rulesVersion: ruleSet.version,
    accounts: 0,
    accountsChanged: 0,
    tickets: 0,
    ticketsChanged: 0,
    batches: 0,
    completed: false,
    milliseconds: 0,
  };
  const take = async (): Promise<TakenBatch | undefined> => {
    const takenAt = performance.now();
    const batch = await batches.next();
    return batch && { batch, takenAt, facts: await clock("facts", () => gatherFacts(dataSource.manager, batch.accountIds, asOf)) };
  };
  const recordWritten = (result: Settled<WrittenBatch>) => {
    const { written, takenAt } = unwrap(result);
    record(summary, written, batches.total, options);
    options.onBatch?.(written, (performance.now() - takenAt) / 1000);
  };
  let taking = options.signal?.aborted ? undefined : settled(take());
  let writing: Promise<Settled<WrittenBatch>> | undefined;
  while (taking) {
    const current = unwrap(await taking);
    if (!current) break;
    // A batch taken but not begun stays undone (a job fails and goes to another process).
    if (options.signal?.aborted) break;
    taking = settled(take());
    const evaluated = await clock("engine", () => evaluateBatch(ruleSet, current.facts));
    if (writing) recordWritten(await writing);
    writing = settled(
      clock("writes", () =>
        dataSource.transaction(async (manager) => {
          const result = await writeBatch(manager, evaluated, ruleSet, asOf);
          await current.batch.complete?.(manager, current.batch.accountIds.length);
          return { written: result, takenAt: current.takenAt };
        }),
      ),
    );
  }
  if (writing) recordWritten(await writing);
  summary.completed = !options.signal?.aborted;
  summary.milliseconds = Date.now() - started;
  return summary;
}

/** Every account, in batches by id; the next batch starts after the last id of the one before. */
async function allAccounts(dataSource: DataSource, batchSize: number): Promise<AccountBatches> {
  const [{ total }]: { total: number }[] = await dataSource.query("SELECT count(*)::int AS total FROM accounts");
  let after: string | null = null;
  let done = false;
  return {
    total,
    async next() {
      if (done) return undefined;
      const rows: { id: string }[] =
        after === null
          ? await dataSource.query("SELECT id FROM accounts ORDER BY id LIMIT $1", [batchSize])
          : await dataSource.query("SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2", [after, batchSize]);
      if (rows.length === 0) {
        done = true;
        return undefined;
      }
      after = rows[rows.length - 1].id;
      return { accountIds: rows.map((row) => row.id) };
    },
  };
}

function record(summary: ReevaluationSummary, batch: ReassessmentSummary, total: number | undefined, options: ReevaluationOptions): void {
  summary.accounts += batch.accounts;
  summary.accountsChanged += batch.accountsChanged;
  summary.tickets += batch.tickets;
  summary.ticketsChanged += batch.ticketsChanged;
  summary.batches++;
  options.onProgress?.(summary.accounts, Math.max(total ?? 0, summary.accounts));
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
