import DataLoader from "dataloader";
import { DataScope } from "../access/data-scope";
import { entityLoaderById } from "../access/scoped-loaders";
import { groupBy } from "../shared/collections";
import { WebhookDelivery, WebhookDeliveryAttempt } from "./webhook-delivery.entity";
import { WebhookSubscription } from "./webhook-subscription.entity";

export function createWebhookLoaders(scope: DataScope) {
  return {
    webhookSubscriptionById: entityLoaderById(scope, WebhookSubscription),
    webhookDeliveryById: entityLoaderById(scope, WebhookDelivery),
    webhookAttemptsByDeliveryId: new DataLoader<string, WebhookDeliveryAttempt[]>(async (deliveryIds) => {
      const attempts = await scope.read((manager) =>
        scope
          .select(manager, WebhookDeliveryAttempt, "attempt")
          .andWhere("attempt.delivery_id = ANY(:deliveryIds)", { deliveryIds })
          .orderBy("attempt.attempt")
          .getMany(),
      );
      const byDelivery = groupBy(attempts, (attempt) => attempt.deliveryId);
      return deliveryIds.map((deliveryId) => byDelivery.get(deliveryId) ?? []);
    }),
  };
}

export type WebhookLoaders = ReturnType<typeof createWebhookLoaders>;
