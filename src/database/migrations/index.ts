import { CustomerGraph1763800000000 } from "./1763800000000-customer-graph";
import { PolicyResults1763900000000 } from "./1763900000000-policy-results";
import { ApiKeys1764000000000 } from "./1764000000000-api-keys";
import { RateLimitBuckets1764100000000 } from "./1764100000000-rate-limit-buckets";
import { PartnerRowSecurity1764200000000 } from "./1764200000000-partner-row-security";
import { IdempotentRequests1764300000000 } from "./1764300000000-idempotent-requests";
import { RuleSetPublication1764400000000 } from "./1764400000000-rule-set-publication";
import { IdempotentResponsesInOrder1764500000000 } from "./1764500000000-idempotent-responses-in-order";
import { ExternalIds1764600000000 } from "./1764600000000-external-ids";
import { SlaClock1764700000000 } from "./1764700000000-sla-clock";
import { DomainEvents1764800000000 } from "./1764800000000-domain-events";
import { JobQueue1765000000000 } from "./1765000000000-job-queue";
import { DomainEventFeed1764900000000 } from "./1764900000000-domain-event-feed";
import { Webhooks1765100000000 } from "./1765100000000-webhooks";
import { RuleDrafts1765200000000 } from "./1765200000000-rule-drafts";

/** Every migration, oldest first. */
export const migrations = [
  CustomerGraph1763800000000,
  PolicyResults1763900000000,
  ApiKeys1764000000000,
  RateLimitBuckets1764100000000,
  PartnerRowSecurity1764200000000,
  IdempotentRequests1764300000000,
  RuleSetPublication1764400000000,
  IdempotentResponsesInOrder1764500000000,
  ExternalIds1764600000000,
  SlaClock1764700000000,
  DomainEvents1764800000000,
  DomainEventFeed1764900000000,
  JobQueue1765000000000,
  Webhooks1765100000000,
  RuleDrafts1765200000000,
];
