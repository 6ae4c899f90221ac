import PgBoss from "pg-boss";
import { EntityManager } from "typeorm";

/** The queues of the application, each with its own handler (src/jobs/README in docs/operations.md). */
export type QueueName = "reevaluate-accounts" | "sla-check" | "webhook-delivery" | "webhook-dead-letter";

export interface JobQueueOptions {
  connectionString: string;
  /** PostgreSQL schema of pg-boss's tables (created and migrated by pg-boss on start). */
  schema: string;
  /**
   * How often the queue's supervisor expires jobs whose worker went silent (a killed process) and so
   * hands them to another: a job's `expireInSeconds` plus this is the longest a crash delays it.
   */
  maintenanceSeconds: number;
  /** False for producers (commands) that only add jobs: supervision is the workers' part. */
  supervise: boolean;
  /** Connections of pg-boss's own pool (the embedded database serves all of them from one session, in turn). */
  poolSize: number;
}

export interface QueuedJob<Data extends object> {
  name: QueueName;
  data: Data;
  startAfter?: Date;
  /** A job with the same key not yet started is not added twice. */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export interface ReceivedJob<Data> {
  id: string;
  name: QueueName;
  data: Data;
  /** The times this job failed or expired before. */
  retryCount: number;
  retryLimit: number;
}

export interface WorkOptions {
  /** Jobs handed to one call of the handler. */
  batchSize: number;
  pollingSeconds: number;
}

/**
 * The job queue on PostgreSQL: pg-boss (docs/operations.md says why this one). Jobs are added in the
 * caller's transaction, so that no job exists without its change and no change without its job; a job is
 * run once across the processes of a group; a process that dies leaves its jobs to the others once they
 * expire.
 */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    readonly schema: string,
  ) {}

  static async start(options: JobQueueOptions, onError: (error: Error) => void): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: options.poolSize,
      application_name: "customer-graph-jobs",
      supervise: options.supervise,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceSeconds,
    });
    boss.on("error", onError);
    await boss.start();
    const queue = new JobQueue(boss, options.schema);
    await queue.createQueues();
    return queue;
  }

  /** Adds jobs in the transaction of `manager` (they exist once it commits, and not if it rolls back). */
  async add(manager: EntityManager, jobs: ReadonlyArray<QueuedJob<object>>): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        startAfter: job.startAfter?.toISOString(),
        singletonKey: job.singletonKey,
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelaySeconds,
        retryBackoff: job.retryBackoff,
        expireInSeconds: job.expireInSeconds,
      })),
      { db: inTransaction(manager) },
    );
  }

  /** Marks a job done in the transaction of `manager`: the work it wrote and its completion commit together. */
  async complete(manager: EntityManager, name: QueueName, id: string, output: object): Promise<void> {
    await this.boss.complete(name, id, output, { db: inTransaction(manager) });
  }

  /**
   * Runs `handler` for this process's share of a queue's jobs; a handler that throws fails its jobs (retried
   * as the job says). After jobs, the worker looks for more at once: pg-boss would wait out its polling
   * interval after every fetch, so that a backlog drained at one batch per interval.
   */
  async work<Data>(name: QueueName, options: WorkOptions, handler: (jobs: ReceivedJob<Data>[]) => Promise<void>): Promise<string> {
    // Known once work() answers; its first jobs may come before (then it polls once more as usual).
    const worker: { id?: string } = {};
    worker.id = await this.boss.work<Data>(
      name,
      { batchSize: options.batchSize, pollingIntervalSeconds: options.pollingSeconds, includeMetadata: true },
      async (jobs) => {
        try {
          await handler(jobs.map((job) => ({ id: job.id, name, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit })));
        } finally {
          if (worker.id) this.boss.notifyWorker(worker.id);
        }
      },
    );
    return worker.id;
  }

  /** Stops a worker taking jobs (the one it runs finishes); the queue stays open for the others. */
  async stopWorking(workerId: string): Promise<void> {
    await this.boss.offWork({ id: workerId });
  }

  /** Wakes a worker before its next poll (a notification said there is work). */
  wake(workerId: string): void {
    this.boss.notifyWorker(workerId);
  }

  /** Jobs of a queue not finished yet: waiting, to be retried or running. */
  unfinished(name: QueueName): Promise<number> {
    return this.boss.getQueueSize(name, { before: "completed" });
  }

  /** Stops taking jobs, lets those running finish (up to `timeoutMilliseconds`) and closes the pool. */
  async stop(timeoutMilliseconds: number): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMilliseconds });
  }

  private async createQueues(): Promise<void> {
    await this.boss.createQueue("reevaluate-accounts");
    await this.boss.createQueue("sla-check");
    await this.boss.createQueue("webhook-dead-letter");
    await this.boss.createQueue("webhook-delivery", { name: "webhook-delivery", deadLetter: "webhook-dead-letter" });
  }
}

/** pg-boss's executor on TypeORM's transaction (structured results: TypeORM answers an UPDATE as [rows, count]). */
function inTransaction(manager: EntityManager): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error("Jobs are added and completed in the transaction of their change");
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await runner.query(text, values, true);
      return { rows: result.records as unknown[] };
    },
  };
}

/** The queue of a server (which supervises) or of a command (which only adds jobs), on the primary database. */
export function startJobQueue(
  connectionString: string,
  settings: { schema: string; maintenanceSeconds: number },
  role: "worker" | "producer",
  onError: (error: Error) => void,
): Promise<JobQueue> {
  return JobQueue.start({ connectionString, ...settings, supervise: role === "worker", poolSize: role === "worker" ? 4 : 1 }, onError);
}
