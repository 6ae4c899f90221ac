import { DataSource } from "typeorm";
import { Webhook } from "standardwebhooks";
import { StreamedEvent, streamedEventColumns, StreamedEventRow, streamedEventOf } from "../events/event-stream";
import { webhookBody } from "./webhook-events";
import { WebhookSettings } from "./webhook-jobs";

/** A delivery with what it takes to send it; absent when the delivery is gone (its event or subscription deleted). */
interface DeliveryTarget {
  status: string;
  url: string;
  signingSecret: string;
  disabled: boolean;
  event: StreamedEvent;
}

interface Attempt {
  at: Date;
  statusCode: number | null;
  /** Null when the endpoint answered 2xx. */
  error: string | null;
  durationMilliseconds: number;
}

/**
 * One attempt of a `webhook-delivery` job: POSTs the event, signed, and records how it went. Throws when it
 * failed, so that pg-boss retries the job (backoff with jitter) and, after the last retry, moves it to the
 * dead letter. A delivery no longer PENDING (delivered meanwhile, or a job that expired and came back) is
 * not sent again; a worker that dies mid-request records nothing, and its job is retried once it expires:
 * receivers deduplicate by webhook-id.
 */
export async function attemptDelivery(dataSource: DataSource, settings: WebhookSettings, deliveryId: string): Promise<void> {
  const target = await readTarget(dataSource, deliveryId);
  if (!target || target.status !== "pending") return;
  if (target.disabled) {
    await dataSource.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'the subscription is disabled' WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
    return;
  }
  const attempt = await post(target, settings.timeoutMilliseconds);
  await recordAttempt(dataSource, deliveryId, attempt);
  if (attempt.error !== null) throw new Error(`webhook delivery ${deliveryId}: ${attempt.error}`);
}

/** The deliveries whose job ran out of retries (the dead letter queue's jobs): FAILED, until redelivered. */
export async function markFailed(dataSource: DataSource, deliveryIds: readonly string[]): Promise<number> {
  const [, count]: [unknown, number] = await dataSource.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = ANY($1) AND status = 'pending'`, [
    deliveryIds,
  ]);
  return count;
}

async function post(target: DeliveryTarget, timeoutMilliseconds: number): Promise<Attempt> {
  const body = webhookBody(target.event);
  const at = new Date();
  // The event's id, the same on every attempt: the receiver's key to deduplicate (delivery is at least once).
  const id = target.event.id;
  const headers = {
    "content-type": "application/json",
    "user-agent": "customer-graph-webhooks",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(target.signingSecret).sign(id, at, body),
  };
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  try {
    // Redirects are not followed: a 3xx is a failed attempt, the endpoint's address is the one registered.
    const response = await fetch(target.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMilliseconds) });
    await response.body?.cancel();
    const error = response.ok ? null : `the endpoint answered ${response.status}`;
    return { at, statusCode: response.status, error, durationMilliseconds: duration() };
  } catch (failure) {
    return { at, statusCode: null, error: reasonOf(failure, timeoutMilliseconds), durationMilliseconds: duration() };
  }
}

function reasonOf(failure: unknown, timeoutMilliseconds: number): string {
  if (failure instanceof DOMException && failure.name === "TimeoutError") return `no answer within ${timeoutMilliseconds} ms`;
  const cause = failure instanceof Error && failure.cause instanceof Error ? failure.cause : failure;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The attempt and the delivery's state, in one statement: attempts count on across redeliveries. */
async function recordAttempt(dataSource: DataSource, deliveryId: string, attempt: Attempt): Promise<void> {
  await dataSource.query(
    `WITH counted AS (
       UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $2, last_status_code = $3, last_error = $4,
              status = CASE WHEN $4::text IS NULL THEN 'delivered' ELSE status END,
              delivered_at = CASE WHEN $4::text IS NULL THEN now() ELSE delivered_at END
        WHERE id = $1 RETURNING attempts
     )
     INSERT INTO webhook_delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
     SELECT $1, attempts, $2, $3, $4, $5 FROM counted`,
    [deliveryId, attempt.at, attempt.statusCode, attempt.error, attempt.durationMilliseconds],
  );
}

interface TargetRow extends StreamedEventRow {
  status: string;
  url: string;
  signing_secret: string;
  disabled: boolean;
}

async function readTarget(dataSource: DataSource, deliveryId: string): Promise<DeliveryTarget | undefined> {
  const [row]: TargetRow[] = await dataSource.query(
    `SELECT delivery.status, subscription.url, subscription.signing_secret, subscription.disabled_at IS NOT NULL AS disabled, ${streamedEventColumns}
       FROM webhook_deliveries delivery
       JOIN webhook_subscriptions subscription ON subscription.id = delivery.subscription_id
       JOIN domain_events event ON event.id = delivery.event_id
       LEFT JOIN accounts account ON account.id = event.account_id
      WHERE delivery.id = $1`,
    [deliveryId],
  );
  if (!row) return undefined;
  return { status: row.status, url: row.url, signingSecret: row.signing_secret, disabled: row.disabled, event: streamedEventOf(row) };
}
