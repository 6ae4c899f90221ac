import { EntityManager } from "typeorm";
import { JobQueue, QueuedJob } from "../jobs/job-queue";

/** How webhooks are sent and retried (src/config.ts reads and checks them: WEBHOOK_*). */
export interface WebhookSettings {
  /** Retries after the first attempt; then the job goes to the dead letter and the delivery is FAILED. */
  retryLimit: number;
  /** The first retry's delay; each next one doubles, with jitter (pg-boss: delay·2^n·(1+random)). */
  retryDelaySeconds: number;
  /** How long an attempt may hold its job before another process may take it (a worker that died). */
  expireSeconds: number;
  /** How long the endpoint has to answer. */
  timeoutMilliseconds: number;
  /** Deliveries sent at once by this process. */
  workers: number;
  /** How often an idle worker looks for jobs. */
  pollingSeconds: number;
}

/** A job of the `webhook-delivery` queue. */
export interface WebhookDeliveryJob {
  deliveryId: string;
}

/** What puts deliveries on the queue: the relay's consumer, redeliveries (GraphQL and the command). */
export interface WebhookJobs {
  queue: JobQueue;
  settings: WebhookSettings;
}

/** Adds a `webhook-delivery` job per delivery in the transaction of `manager`: the jobs exist exactly when it commits. */
export function enqueueDeliveries(jobs: WebhookJobs, manager: EntityManager, deliveryIds: readonly string[]): Promise<void> {
  const { settings } = jobs;
  return jobs.queue.add(
    manager,
    deliveryIds.map((deliveryId): QueuedJob<WebhookDeliveryJob> => ({
      name: "webhook-delivery",
      data: { deliveryId },
      retryLimit: settings.retryLimit,
      retryDelaySeconds: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.expireSeconds,
    })),
  );
}

/**
 * Puts deliveries back on the queue (FAILED or DELIVERED ones: a PENDING one is on it already), their
 * attempts kept; returns the ids it requeued. Deliveries of a disabled subscription stay as they are.
 */
export async function requeueDeliveries(jobs: WebhookJobs, manager: EntityManager, deliveryIds: readonly string[]): Promise<string[]> {
  // TypeORM answers an UPDATE as [rows, count].
  const [rows]: [Array<{ id: string }>, number] = await manager.query(
    `UPDATE webhook_deliveries delivery SET status = 'pending', delivered_at = NULL
       FROM webhook_subscriptions subscription
      WHERE delivery.id = ANY($1) AND delivery.status <> 'pending'
        AND subscription.id = delivery.subscription_id AND subscription.disabled_at IS NULL
     RETURNING delivery.id`,
    [deliveryIds],
  );
  const requeued = rows.map((row) => row.id);
  await enqueueDeliveries(jobs, manager, requeued);
  return requeued;
}
