import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";
import { DateTimeScalar } from "../shared/scalars";

export enum WebhookDeliveryStatus {
  PENDING = "pending",
  DELIVERED = "delivered",
  FAILED = "failed",
}
registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "Where one event's delivery to one endpoint stands",
  valuesConfig: {
    PENDING: { description: "Not delivered yet: waiting for its first attempt or for a retry" },
    DELIVERED: { description: "The endpoint answered 2xx" },
    FAILED: { description: "Every retry failed (the dead letter): redeliverWebhookDelivery puts it back on the queue" },
  },
});

/** One outbox event for one subscription: made when the event is relayed, sent by the `webhook-delivery` jobs. */
@Entity({ name: "webhook_deliveries" })
@ObjectType({ implements: Node, description: "One event sent to one webhook endpoint: its status, the attempts so far and how the last one went" })
export class WebhookDelivery implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; the id redeliverWebhookDelivery takes" })
  get globalId(): string {
    return encodeGlobalId("WebhookDelivery", this.id);
  }

  @Column({ name: "subscription_id", type: "uuid" })
  subscriptionId: string;

  @Field(() => ID, { description: "The event's outbox id, sent as the webhook-id header: receivers deduplicate by it" })
  @Column({ name: "event_id", type: "bigint" })
  eventId: string;

  @Column({ name: "partner_id", type: "uuid" })
  partnerId: string;

  @Field(() => WebhookDeliveryStatus, { description: "Pending, delivered, or failed after its last retry" })
  @Column({ type: "text" })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts made so far, redeliveries included" })
  @Column({ name: "attempts", type: "integer" })
  attemptCount: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the last attempt was made; null before the first" })
  @Column({ name: "last_attempt_at", type: "timestamptz", precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status the endpoint answered the last attempt with; null when it did not answer" })
  @Column({ name: "last_status_code", type: "integer", nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed (a status, a timeout, a refused connection); null when it succeeded" })
  @Column({ name: "last_error", type: "text", nullable: true })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the endpoint answered 2xx; null until then" })
  @Column({ name: "delivered_at", type: "timestamptz", precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Field(() => DateTimeScalar, { description: "When the event was relayed to the endpoint's queue" })
  @Column({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt: Date;
}

/** One HTTP request of a delivery, as it went. */
@Entity({ name: "webhook_delivery_attempts" })
@ObjectType({ simpleResolvers: true, description: "One attempt to deliver an event: when, how the endpoint answered, how long it took" })
export class WebhookDeliveryAttempt {
  @PrimaryColumn({ name: "delivery_id", type: "uuid" })
  deliveryId: string;

  @Field(() => Int, { description: "1 for the first attempt, counting on across redeliveries" })
  @PrimaryColumn({ type: "integer" })
  attempt: number;

  @Field(() => DateTimeScalar, { description: "When the request was sent" })
  @Column({ type: "timestamptz", precision: 3 })
  at: Date;

  @Field(() => Int, { nullable: true, description: "The HTTP status answered; null when there was no answer (timeout, connection refused)" })
  @Column({ name: "status_code", type: "integer", nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: "Why the attempt failed; null when the endpoint answered 2xx" })
  @Column({ type: "text", nullable: true })
  error: string | null;

  @Field(() => Int, { description: "Milliseconds from sending the request to its answer (or to giving up)" })
  @Column({ name: "duration_ms", type: "integer" })
  durationMilliseconds: number;
}
