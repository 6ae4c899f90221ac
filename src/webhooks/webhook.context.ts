import { ScopedRequest } from "../access/scoped-request";
import { PartnerLoaders } from "../partners/partner.loaders";
import { WebhookJobs } from "./webhook-jobs";
import { WebhookLoaders } from "./webhook.loaders";

/** What the webhook resolvers need of a request's context. */
export interface WebhookRequest extends ScopedRequest {
  loaders: WebhookLoaders & PartnerLoaders;
  /** The job queue redeliveries go on; absent in a process that runs no webhooks (redelivering there is an internal error). */
  webhookJobs?: WebhookJobs;
}
