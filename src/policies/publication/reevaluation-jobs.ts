import { DataSource } from "typeorm";
import { JobQueue, QueuedJob, ReceivedJob } from "../../jobs/job-queue";
import { accountsEvaluated, evaluationBatchSeconds } from "../../metrics/metrics";
import { AccountBatch, reevaluate, ReevaluationSummary } from "../reevaluation";
import { RuleSet } from "../rule-set";

/** Accounts by id range: one job of an activation's re-evaluation. */
export interface Batch {
  firstAccountId: string;
  lastAccountId: string;
}

export interface ReevaluationJob extends Batch {
  activationId: number;
}

/** What a finished job keeps as its output (the group's processes share the work: who took what). */
export interface ReevaluationOutput {
  accounts: number;
  worker: string;
}

const queueName = "reevaluate-accounts";

/**
 * A job per batch; retried at once elsewhere when it fails (a process stopping hands back what it had
 * not written), and by another process 5 minutes after its own went silent (a crash).
 */
export function reevaluationJobs(activationId: number, batches: readonly Batch[]): QueuedJob<ReevaluationJob>[] {
  return batches.map((batch) => ({ name: queueName, data: { activationId, ...batch }, retryLimit: 100, retryDelaySeconds: 1, expireInSeconds: 300 }));
}

/** The rule set an activation's jobs are evaluated with, here; `superseded` when a newer activation covers them. */
export type RuleSetForActivation = (activationId: number) => Promise<{ ruleSet: RuleSet; signal: AbortSignal } | "superseded" | undefined>;

/**
 * This process's share of the group's re-evaluations: takes a few jobs at a time (so that facts, engines
 * and writes overlap, src/policies/reevaluation.ts), and completes each in the transaction that writes its
 * results. Jobs of a superseded activation end without work; jobs of a version this process cannot
 * evaluate, or left unwritten when it stops, fail and go to another.
 */
export function workOnReevaluations(
  queue: JobQueue,
  dataSource: DataSource,
  ruleSetFor: RuleSetForActivation,
  worker: string,
  onDone: (summary: ReevaluationSummary) => void = () => undefined,
): Promise<string> {
  return queue.work<ReevaluationJob>(queueName, { batchSize: 4, pollingSeconds: 1 }, async (jobs) => {
    for (const activationId of new Set(jobs.map((job) => job.data.activationId))) {
      const serving = await ruleSetFor(activationId);
      if (serving === "superseded") continue;
      if (!serving) throw new Error(`rules: activation ${activationId} is not in service here yet; its re-evaluation is left to another try`);
      const ofActivation = jobs.filter((job) => job.data.activationId === activationId);
      const summary = await reevaluate(dataSource, serving.ruleSet, jobBatches(queue, dataSource, ofActivation, worker), {
        signal: serving.signal,
        onBatch(written, seconds) {
          evaluationBatchSeconds.observe(seconds);
          accountsEvaluated.inc(written.accounts);
        },
      });
      if (summary.completed) onDone(summary);
      else if ((await ruleSetFor(activationId)) !== "superseded") throw new Error("rules: the re-evaluation stopped before its end");
    }
  });
}

function jobBatches(queue: JobQueue, dataSource: DataSource, jobs: ReceivedJob<ReevaluationJob>[], worker: string) {
  const waiting = [...jobs];
  return {
    async next(): Promise<AccountBatch | undefined> {
      const job = waiting.shift();
      if (!job) return undefined;
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM accounts WHERE id BETWEEN $1 AND $2 ORDER BY id`, [
        job.data.firstAccountId,
        job.data.lastAccountId,
      ]);
      const output: (accounts: number) => ReevaluationOutput = (accounts) => ({ accounts, worker });
      return {
        accountIds: rows.map((row) => row.id),
        complete: (manager, accounts) => queue.complete(manager, queueName, job.id, output(accounts)),
      };
    },
  };
}

export interface ReevaluationProgress {
  /** Jobs not finished yet. */
  open: number;
  /** Accounts evaluated by finished jobs. */
  evaluated: number;
  batches: number;
  /** Processes that took part. */
  workers: number;
}

/** How far an activation's re-evaluation is, read from the jobs in pg-boss's job table (of the queue's schema). */
export async function reevaluationProgress(queueSchema: string, dataSource: DataSource, activationId: number): Promise<ReevaluationProgress> {
  const [progress]: ReevaluationProgress[] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE state < 'completed')::int AS open, coalesce(sum((output->>'accounts')::int), 0)::int AS evaluated,
            count(*)::int AS batches, count(DISTINCT output->>'worker')::int AS workers
       FROM ${queueSchema}.job WHERE name = $1 AND (data->>'activationId')::bigint = $2`,
    [queueName, activationId],
  );
  return progress;
}
