import { DataSource } from "typeorm";
import { Config } from "./config";
import { startEventRelay } from "./events/event-relay";
import { pruneRelayedEvents } from "./events/domain-events";
import { JobQueue } from "./jobs/job-queue";
import { logger } from "./logging/logger";
import { scheduleSlaChecks, workOnSlaChecks } from "./tickets/ticket-sla-checks";
import { WebhookJobs } from "./webhooks/webhook-jobs";
import { startWebhooks } from "./webhooks/webhooks";

export interface RunningEventWork {
  /** Events were appended (a notification): relay them now. */
  wake(): void;
  /** What redeliverWebhookDelivery needs of a request's context. */
  webhookJobs: WebhookJobs;
  /** Stops relaying and taking jobs, and waits for the deliveries in flight (the queue stays open: its owner stops it). */
  close(): Promise<void>;
}

/**
 * What every process does with the outbox beside answering requests: relays each new event once to the
 * job queue (SLA checks at the ticket's warning and due times, webhook deliveries), works those jobs,
 * and prunes relayed events past the retention window.
 */
export async function startEventWork(dataSource: DataSource, jobs: JobQueue, config: Config, options: { pollMilliseconds: number }): Promise<RunningEventWork> {
  const slaWorker = await workOnSlaChecks(jobs, dataSource, config.slaWarningShare);
  const webhooks = await startWebhooks({ dataSource, queue: jobs, settings: config.webhooks, log: { warn: (message) => logger.warn(message) } });
  const relay = startEventRelay(dataSource, [scheduleSlaChecks(jobs, config.slaWarningShare), webhooks.consumer], {
    pollMilliseconds: options.pollMilliseconds,
    onError: (error) => logger.warn({ err: error }, "events: relaying the outbox failed; retrying"),
    onRelayed: () => {
      jobs.wake(slaWorker);
      webhooks.wake();
    },
  });
  const pruning = setInterval(() => {
    pruneRelayedEvents(dataSource, config.eventRetentionDays).catch((error: unknown) => logger.warn({ err: error }, "events: old events not pruned"));
  }, 3_600_000);
  pruning.unref();
  return {
    wake: () => relay.wake(),
    webhookJobs: webhooks.jobs,
    async close() {
      clearInterval(pruning);
      await relay.close();
      await jobs.stopWorking(slaWorker);
      await webhooks.close();
    },
  };
}
