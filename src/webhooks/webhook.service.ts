import { randomBytes } from "node:crypto";
import { DataSource } from "typeorm";
import { DataScope } from "../access/data-scope";
import { fetchPage } from "../access/scoped-page-query";
import { Partner } from "../partners/partner.entity";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { PageArguments, SortDirection, toPageRequest } from "../shared/pagination/page-arguments";
import { SortKey, toSortKeys } from "../shared/pagination/sort-order";
import { WebhookDelivery, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { isDomainEventType, isSentToPartners } from "./webhook-events";
import { requeueDeliveries, WebhookJobs } from "./webhook-jobs";
import { WebhookSubscription } from "./webhook-subscription.entity";
import { WebhookError, WebhookErrorReason } from "./webhook.errors";

export interface NewWebhookSubscription {
  partnerId: string;
  url: string;
  eventTypes: readonly string[];
}

export interface CreatedWebhookSubscription {
  webhookSubscription: WebhookSubscription;
  /** Shown once, here: the endpoint checks each webhook's signature with it. */
  signingSecret: string;
}

/** Registers a partner's endpoint for some event types, with a new signing secret (Standard Webhooks: whsec_ and base64). */
export async function createWebhookSubscription(scope: DataScope, createdBy: string, input: NewWebhookSubscription): Promise<CreatedWebhookSubscription> {
  const partnerId = decodeGlobalId(input.partnerId, "Partner", "input.partnerId");
  const url = checkUrl(input.url, "input.url");
  const eventTypes = checkEventTypes(input.eventTypes, "input.eventTypes");
  const signingSecret = `whsec_${randomBytes(32).toString("base64")}`;
  const webhookSubscription = await scope.transaction(async (manager) => {
    const partner = await scope.select(manager, Partner, "partner").andWhere("partner.id = :partnerId", { partnerId }).getOne();
    if (!partner) throw new NotFoundError("Partner", input.partnerId, "input.partnerId");
    // The secret is written here and read by the delivery worker only: no entity maps it.
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO webhook_subscriptions (partner_id, url, event_types, signing_secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [partnerId, url, eventTypes, signingSecret, createdBy],
    );
    return manager.findOneByOrFail(WebhookSubscription, { id });
  });
  return { webhookSubscription, signingSecret };
}

/** Stops the endpoint's deliveries: no new ones, and those waiting end FAILED at their next attempt. Disabling twice changes nothing. */
export function disableWebhookSubscription(scope: DataScope, globalId: string): Promise<WebhookSubscription> {
  const id = decodeGlobalId(globalId, "WebhookSubscription", "input.webhookSubscriptionId");
  return scope.transaction(async (manager) => {
    const subscription = await scope.select(manager, WebhookSubscription, "subscription").andWhere("subscription.id = :id", { id }).getOne();
    if (!subscription) throw new NotFoundError("WebhookSubscription", globalId, "input.webhookSubscriptionId");
    await manager.query(`UPDATE webhook_subscriptions SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, [id]);
    return manager.findOneByOrFail(WebhookSubscription, { id });
  });
}

/** Puts a FAILED or DELIVERED delivery back on the queue, its attempts kept. */
export function redeliverWebhookDelivery(scope: DataScope, jobs: WebhookJobs | undefined, globalId: string): Promise<WebhookDelivery> {
  const id = decodeGlobalId(globalId, "WebhookDelivery", "input.deliveryId");
  if (!jobs) throw new Error("webhooks are not running in this process: its request context has no job queue");
  return scope.transaction(async (manager) => {
    const delivery = await scope.select(manager, WebhookDelivery, "delivery").andWhere("delivery.id = :id", { id }).setLock("pessimistic_write").getOne();
    if (!delivery) throw new NotFoundError("WebhookDelivery", globalId, "input.deliveryId");
    if (delivery.status === WebhookDeliveryStatus.PENDING) {
      throw new WebhookError(WebhookErrorReason.DELIVERY_PENDING, "The delivery is PENDING: it is on the queue already", "input.deliveryId");
    }
    const requeued = await requeueDeliveries(jobs, manager, [id]);
    if (requeued.length === 0) {
      throw new WebhookError(WebhookErrorReason.SUBSCRIPTION_DISABLED, "The delivery's subscription is disabled", "input.deliveryId");
    }
    return manager.findOneByOrFail(WebhookDelivery, { id });
  });
}

const newestFirst = <Row extends { id: string; createdAt: Date }>(): SortKey<Row>[] =>
  toSortKeys([{ field: "CREATED_AT", direction: SortDirection.DESC }], {
    CREATED_AT: { expression: "{alias}.created_at", kind: "timestamp", valueOf: (row: Row) => row.createdAt.toISOString() },
  });

/** A partner's subscriptions, newest first; a partner's key sees its own only (another partner's list is empty). */
export function findWebhookSubscriptions(scope: DataScope, partnerGlobalId: string, page: PageArguments): Promise<Page<WebhookSubscription>> {
  const partnerId = decodeGlobalId(partnerGlobalId, "Partner", "partnerId");
  return fetchPage(
    scope,
    (manager, alias) => scope.select(manager, WebhookSubscription, alias).andWhere(`${alias}.partner_id = :partnerId`, { partnerId }),
    newestFirst<WebhookSubscription>(),
    toPageRequest(page),
  );
}

/** A subscription's deliveries, newest first, of one status if given. */
export function findWebhookDeliveries(
  scope: DataScope,
  subscriptionGlobalId: string,
  status: WebhookDeliveryStatus | null,
  page: PageArguments,
): Promise<Page<WebhookDelivery>> {
  const subscriptionId = decodeGlobalId(subscriptionGlobalId, "WebhookSubscription", "subscriptionId");
  return fetchPage(
    scope,
    (manager, alias) => {
      const query = scope.select(manager, WebhookDelivery, alias).andWhere(`${alias}.subscription_id = :subscriptionId`, { subscriptionId });
      return status === null ? query : query.andWhere(`${alias}.status = :status`, { status });
    },
    newestFirst<WebhookDelivery>(),
    toPageRequest(page),
  );
}

function checkUrl(text: string, field: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WebhookError(WebhookErrorReason.INVALID_URL, `${field}: "${text}" is not a URL`, field);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new WebhookError(WebhookErrorReason.INVALID_URL, `${field}: webhooks are sent over http or https, not ${url.protocol.slice(0, -1)}`, field);
  }
  return url.toString();
}

/** The event types, each once; every one must be an outbox event a partner may receive. */
function checkEventTypes(names: readonly string[], field: string): string[] {
  if (names.length === 0) throw new WebhookError(WebhookErrorReason.NO_EVENT_TYPES, `${field}: name at least one event type`, field);
  names.forEach((name, index) => {
    if (!isDomainEventType(name)) {
      throw new WebhookError(WebhookErrorReason.UNKNOWN_EVENT_TYPE, `${field}[${index}]: "${name}" is not an event type`, `${field}[${index}]`);
    }
    if (!isSentToPartners(name)) {
      throw new WebhookError(WebhookErrorReason.EVENT_TYPE_NOT_FOR_PARTNERS, `${field}[${index}]: partners do not receive ${name}`, `${field}[${index}]`);
    }
  });
  return [...new Set(names)];
}

/** What an operator redelivers: one delivery, or a subscription's deliveries of one status. Ids as the API gives them. */
export type RedeliverySelection = { deliveryId: string } | { subscriptionId: string; status: WebhookDeliveryStatus };

/** Puts the selected FAILED or DELIVERED deliveries back on the queue (whole graph: an operator's tool); returns how many. */
export async function redeliverSelected(dataSource: DataSource, jobs: WebhookJobs, selection: RedeliverySelection): Promise<number> {
  return dataSource.transaction(async (manager) => {
    let ids: string[];
    if ("deliveryId" in selection) ids = [decodeGlobalId(selection.deliveryId, "WebhookDelivery", "--delivery")];
    else {
      const subscriptionId = decodeGlobalId(selection.subscriptionId, "WebhookSubscription", "--subscription");
      const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND status = $2`, [
        subscriptionId,
        selection.status,
      ]);
      ids = rows.map((row) => row.id);
    }
    return (await requeueDeliveries(jobs, manager, ids)).length;
  });
}
