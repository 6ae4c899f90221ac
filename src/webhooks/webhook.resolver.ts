import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Partner } from "../partners/partner.entity";
import { payloadOf } from "../shared/mutation-payload";
import { PageArguments } from "../shared/pagination/page-arguments";
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryStatus } from "./webhook-delivery.entity";
import { WebhookSubscription } from "./webhook-subscription.entity";
import { WebhookDeliveryConnection, WebhookSubscriptionConnection } from "./webhook.connection";
import { WebhookRequest } from "./webhook.context";
import {
  CreateWebhookSubscriptionInput,
  CreateWebhookSubscriptionPayload,
  DisableWebhookSubscriptionInput,
  DisableWebhookSubscriptionPayload,
  RedeliverWebhookDeliveryInput,
  RedeliverWebhookDeliveryPayload,
} from "./webhook.payloads";
import {
  createWebhookSubscription,
  disableWebhookSubscription,
  findWebhookDeliveries,
  findWebhookSubscriptions,
  redeliverWebhookDelivery,
} from "./webhook.service";

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => WebhookSubscriptionConnection, {
    description: "A partner's webhook subscriptions, newest first. A partner's key sees its own partner's only (another partner's list is empty)",
  })
  async webhookSubscriptions(
    @Arg("partnerId", () => ID, { description: "The partner whose endpoints are listed (a Partner id)" }) partnerId: string,
    @Args() page: PageArguments,
    @Ctx() context: WebhookRequest,
  ): Promise<WebhookSubscriptionConnection> {
    return new WebhookSubscriptionConnection(await findWebhookSubscriptions(context.scope, partnerId, page));
  }

  @FieldResolver(() => Partner, { description: "The partner whose accounts' events are sent" })
  async partner(@Root() subscription: WebhookSubscription, @Ctx() context: WebhookRequest): Promise<Partner> {
    return context.loaders.partnerById.load(subscription.partnerId) as Promise<Partner>;
  }

  @Mutation(() => CreateWebhookSubscriptionPayload, {
    nullable: true,
    description:
      "Registers a partner's endpoint for some events of its own accounts, and returns the signing secret, once; refusals (a bad URL, an unknown event type or one partners do not receive, an unknown partner) come back in userErrors. Internal keys only",
  })
  createWebhookSubscription(
    @Arg("input", () => CreateWebhookSubscriptionInput, {
      validate: false,
      description: "The partner, the endpoint, the event types, and the client's mutation id",
    })
    input: CreateWebhookSubscriptionInput,
    @Ctx() context: WebhookRequest,
  ): Promise<CreateWebhookSubscriptionPayload> {
    return payloadOf(context, input, () => createWebhookSubscription(context.scope, context.caller.keyPrefix, input));
  }

  @Mutation(() => DisableWebhookSubscriptionPayload, {
    nullable: true,
    description: "Stops a subscription: no new deliveries, and those still waiting end FAILED. Disabling it again changes nothing. Internal keys only",
  })
  disableWebhookSubscription(
    @Arg("input", () => DisableWebhookSubscriptionInput, { validate: false, description: "The subscription, and the client's mutation id" })
    input: DisableWebhookSubscriptionInput,
    @Ctx() context: WebhookRequest,
  ): Promise<DisableWebhookSubscriptionPayload> {
    return payloadOf(context, input, async () => ({ webhookSubscription: await disableWebhookSubscription(context.scope, input.webhookSubscriptionId) }));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Query(() => WebhookDeliveryConnection, {
    description: "The deliveries of a webhook subscription, newest first, with their attempts. A partner's key sees its own subscriptions' only",
  })
  async webhookDeliveries(
    @Arg("subscriptionId", () => ID, { description: "The WebhookSubscription id" }) subscriptionId: string,
    @Arg("status", () => WebhookDeliveryStatus, { nullable: true, description: "Only the deliveries of this status; all when left out" })
    status: WebhookDeliveryStatus | null,
    @Args() page: PageArguments,
    @Ctx() context: WebhookRequest,
  ): Promise<WebhookDeliveryConnection> {
    return new WebhookDeliveryConnection(await findWebhookDeliveries(context.scope, subscriptionId, status ?? null, page));
  }

  @FieldResolver(() => WebhookSubscription, { description: "The subscription (endpoint) the event is sent to" })
  async subscription(@Root() delivery: WebhookDelivery, @Ctx() context: WebhookRequest): Promise<WebhookSubscription> {
    return context.loaders.webhookSubscriptionById.load(delivery.subscriptionId) as Promise<WebhookSubscription>;
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: "Every attempt so far, oldest first, redeliveries' included" })
  attempts(@Root() delivery: WebhookDelivery, @Ctx() context: WebhookRequest): Promise<WebhookDeliveryAttempt[]> {
    return context.loaders.webhookAttemptsByDeliveryId.load(delivery.id);
  }

  @Mutation(() => RedeliverWebhookDeliveryPayload, {
    nullable: true,
    description:
      "Puts a FAILED or DELIVERED delivery back on the queue (PENDING, retried as a new one is), its attempts kept; a PENDING delivery or a disabled subscription's is a CONFLICT in userErrors. Internal keys only",
  })
  redeliverWebhookDelivery(
    @Arg("input", () => RedeliverWebhookDeliveryInput, { validate: false, description: "The delivery, and the client's mutation id" })
    input: RedeliverWebhookDeliveryInput,
    @Ctx() context: WebhookRequest,
  ): Promise<RedeliverWebhookDeliveryPayload> {
    return payloadOf(context, input, async () => ({
      webhookDelivery: await redeliverWebhookDelivery(context.scope, context.webhookJobs, input.deliveryId),
    }));
  }
}
