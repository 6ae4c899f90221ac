import { ConnectionType } from "../shared/pagination/connection";
import { WebhookDelivery } from "./webhook-delivery.entity";
import { WebhookSubscription } from "./webhook-subscription.entity";

export const WebhookSubscriptionConnection = ConnectionType(WebhookSubscription, "WebhookSubscription");
export type WebhookSubscriptionConnection = InstanceType<typeof WebhookSubscriptionConnection>;

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, "WebhookDelivery");
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;
