import { DataSource } from "typeorm";
import { EventConsumer } from "../events/event-relay";
import { JobQueue } from "../jobs/job-queue";
import { isSentToPartners } from "./webhook-events";
import { enqueueDeliveries, WebhookDeliveryJob, WebhookJobs, WebhookSettings } from "./webhook-jobs";
import { attemptDelivery, markFailed } from "./webhook-sending";

export interface WebhookOptions {
  dataSource: DataSource;
  queue: JobQueue;
  settings: WebhookSettings;
  log: { warn(message: string): void };
}

export interface RunningWebhooks {
  /** For the outbox relay (startEventRelay's consumers): each relayed event becomes deliveries and their jobs. */
  consumer: EventConsumer;
  /** For the request context (redeliverWebhookDelivery) and tools that requeue deliveries. */
  jobs: WebhookJobs;
  /** Wakes this process's delivery workers (the relay just added deliveries): they start at once, not at their next poll. */
  wake(): void;
  /** Stops taking jobs and waits for the attempts in flight; the queue itself stays open (its owner stops it). */
  close(): Promise<void>;
}

/**
 * Partner webhooks in this process: the relay's consumer that turns events into deliveries, and the
 * workers of the `webhook-delivery` queue (the attempts) and of its dead letter (FAILED deliveries).
 */
export async function startWebhooks(options: WebhookOptions): Promise<RunningWebhooks> {
  const { dataSource, queue, settings, log } = options;
  const jobs: WebhookJobs = { queue, settings };
  const inFlight = new Set<Promise<unknown>>();
  const tracked = <Result>(work: Promise<Result>): Promise<Result> => {
    inFlight.add(work);
    void work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };
  const pollingSeconds = settings.pollingSeconds;
  const workerIds: string[] = [];
  // One job per call: a failed attempt fails its own job only, and is retried on its own schedule.
  for (let worker = 0; worker < settings.workers; worker++) {
    workerIds.push(
      await queue.work<WebhookDeliveryJob>("webhook-delivery", { batchSize: 1, pollingSeconds }, ([job]) =>
        tracked(attemptDelivery(dataSource, settings, job.data.deliveryId)),
      ),
    );
  }
  workerIds.push(
    await queue.work<WebhookDeliveryJob>("webhook-dead-letter", { batchSize: 20, pollingSeconds }, async (received) => {
      const failed = await tracked(
        markFailed(
          dataSource,
          received.map((job) => job.data.deliveryId),
        ),
      );
      if (failed > 0) log.warn(`webhooks: ${failed} deliveries FAILED after their last retry (redeliver with redeliverWebhookDelivery)`);
    }),
  );
  return {
    consumer: webhookEventConsumer(jobs),
    jobs,
    wake() {
      for (const workerId of workerIds) queue.wake(workerId);
    },
    async close() {
      for (const workerId of workerIds) await queue.stopWorking(workerId);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * The relay's consumer: for each event of a partner's account that partners may receive, a delivery for
 * each active subscription of that partner to its type, and its job, in the relay's transaction (no
 * delivery without its job, none twice for one event and subscription).
 */
export function webhookEventConsumer(jobs: WebhookJobs): EventConsumer {
  return async (manager, events) => {
    const sent = events.filter((event) => event.partnerId !== null && isSentToPartners(event.type));
    if (sent.length === 0) return;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, partner_id)
       SELECT subscription.id, event.id, subscription.partner_id
         FROM unnest($1::bigint[], $2::text[], $3::uuid[]) AS event (id, type, partner_id)
         JOIN webhook_subscriptions subscription
           ON subscription.partner_id = event.partner_id AND subscription.disabled_at IS NULL AND event.type = ANY(subscription.event_types)
        ORDER BY event.id
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING id`,
      [sent.map((event) => event.id), sent.map((event) => event.type), sent.map((event) => event.partnerId)],
    );
    await enqueueDeliveries(
      jobs,
      manager,
      rows.map((row) => row.id),
    );
  };
}
