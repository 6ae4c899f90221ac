import { Field, ID, InputType, ObjectType } from "type-graphql";
import { EmptyInput, MutationPayload, withClientMutationId } from "../shared/mutation-payload";
import { WebhookDelivery } from "./webhook-delivery.entity";
import { WebhookSubscription } from "./webhook-subscription.entity";

@InputType({ description: "A partner's endpoint and the events it is to receive (createWebhookSubscription)" })
export class CreateWebhookSubscriptionInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The Partner whose accounts' events are sent" })
  partnerId: string;

  @Field({ description: "Where the events are POSTed: an http or https URL" })
  url: string;

  @Field(() => [String], {
    description:
      "The event types to send, by their outbox names: ticket.opened, ticket.statusChanged, ticket.priorityChanged, ticket.slaWarning, ticket.slaBreached, account.tierChanged, account.lifecycleStageChanged",
  })
  eventTypes: string[];
}

@ObjectType({ description: "What createWebhookSubscription did: the subscription and its signing secret, or why it refused" })
export class CreateWebhookSubscriptionPayload extends MutationPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: "The new subscription, active" })
  webhookSubscription?: WebhookSubscription;

  @Field(() => String, {
    nullable: true,
    description:
      "The key the endpoint verifies each webhook's webhook-signature with (Standard Webhooks, whsec_ and base64): shown here only, never again; keep it as a secret",
  })
  signingSecret?: string;
}

@InputType({ description: "The subscription to disable (disableWebhookSubscription)" })
export class DisableWebhookSubscriptionInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The subscription to stop (a WebhookSubscription id)" })
  webhookSubscriptionId: string;
}

@ObjectType({ description: "What disableWebhookSubscription did: the subscription as disabled, or why it refused" })
export class DisableWebhookSubscriptionPayload extends MutationPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: "The subscription, with disabledAt set" })
  webhookSubscription?: WebhookSubscription;
}

@InputType({ description: "The delivery to send again (redeliverWebhookDelivery)" })
export class RedeliverWebhookDeliveryInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The WebhookDelivery id, of a FAILED or DELIVERED delivery" })
  deliveryId: string;
}

@ObjectType({ description: "What redeliverWebhookDelivery did: the delivery back on the queue, or why it refused" })
export class RedeliverWebhookDeliveryPayload extends MutationPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: "The delivery, PENDING again, its earlier attempts kept" })
  webhookDelivery?: WebhookDelivery;
}
