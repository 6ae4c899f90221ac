import { Command, Option } from "commander";
import { primaryUrl } from "../database/data-source";
import { startJobQueue } from "../jobs/job-queue";
import { WebhookDeliveryStatus } from "../webhooks/webhook-delivery.entity";
import { redeliverSelected, RedeliverySelection } from "../webhooks/webhook.service";
import { CommandFactory } from "./harness/command-context";
import { UsageError } from "./harness/command-errors";
import { withDatabase } from "./harness/with-database";

interface RedeliverOptions {
  delivery?: string;
  subscription?: string;
  status?: "FAILED" | "DELIVERED";
}

/**
 * npm run webhooks:redeliver -- --delivery <id>, or --subscription <id> --status FAILED: puts FAILED (or
 * DELIVERED) webhook deliveries back on the queue, their attempts kept; the server's workers send them.
 */
export const webhooksRedeliverCommand: CommandFactory = (context) =>
  new Command("webhooks:redeliver")
    .description("puts webhook deliveries back on the queue: one (--delivery), or a subscription's of a status (--subscription, --status)")
    .option("--delivery <id>", "a WebhookDelivery id, as the API shows it")
    .option("--subscription <id>", "a WebhookSubscription id, as the API shows it")
    .addOption(new Option("--status <status>", "with --subscription: the deliveries of this status").choices(["FAILED", "DELIVERED"]))
    .action((options: RedeliverOptions) =>
      withDatabase(context, { applicationName: "customer-graph-webhooks-redeliver", poolSize: 2 }, async (database) => {
        const selection = selectionOf(options);
        // A producer only: the server's workers send the deliveries.
        const queue = await startJobQueue(primaryUrl(database.dataSource), database.config.jobQueue, "producer", (error) => console.error(error.message));
        try {
          const count = await redeliverSelected(database.dataSource, { queue, settings: database.config.webhooks }, selection);
          console.log(`Webhook deliveries back on the queue: ${count}`);
        } finally {
          await queue.stop(5_000);
        }
      }),
    );

function selectionOf(options: RedeliverOptions): RedeliverySelection {
  if (options.delivery !== undefined && options.subscription === undefined && options.status === undefined) return { deliveryId: options.delivery };
  if (options.delivery === undefined && options.subscription !== undefined && options.status !== undefined) {
    return { subscriptionId: options.subscription, status: options.status === "FAILED" ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.DELIVERED };
  }
  throw new UsageError("give either --delivery <id>, or --subscription <id> with --status FAILED|DELIVERED");
}
