import { writeFile } from "node:fs/promises";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema, PubSub } from "type-graphql";
import { applyRoleRules } from "./access/role-guard";
import { roleRules } from "./access/role-rules";
import { inputValidationOptions } from "./shared/input-validation";
import { installReadPlanner } from "./read-planner/install-read-planner";
import { AccountPayloadResolver, AccountResolver, AccountUpsertResultResolver } from "./accounts/account.resolver";
import { AccountContactsResolver, ContactResolver, ContactUpsertResultResolver } from "./contacts/contact.resolver";
import { NodeResolver } from "./node/node.resolver";
import { PartnerResolver } from "./partners/partner.resolver";
import {
  AccountPolicyResolver,
  AssessmentDetailsResolver,
  PolicyQueryResolver,
  RetentionDetailsResolver,
  ServicePriorityResolver,
  TicketPolicyResolver,
} from "./policies/graphql/policy.resolver";
import {
  AssessmentRankResolver,
  NearMissRankResolver,
  PolicyVocabularyResolver,
  RetentionRankResolver,
  ServicePriorityRankResolver,
  TierShareRankResolver,
} from "./policies/graphql/policy-vocabulary.resolver";
import { AssessmentInsightResolver, ConditionWordingResolver, RetentionInsightResolver, RuleOutlineResolver } from "./policies/graphql/explanation.resolver";
import { AccountOrdersResolver, OrderResolver, OrderUpsertResultResolver } from "./orders/order.resolver";
import { AccountTicketsResolver, TicketResolver, TicketUpsertResultResolver } from "./tickets/ticket.resolver";
import { RuleDraftResolver } from "./policies/graphql/rule-draft.resolver";
import { EventSubscriptionResolver } from "./subscriptions/event-subscriptions.resolver";
import { WebhookDeliveryResolver, WebhookSubscriptionResolver } from "./webhooks/webhook.resolver";

export const resolvers = [
  NodeResolver,
  AccountResolver,
  AccountPayloadResolver,
  AccountUpsertResultResolver,
  PartnerResolver,
  ContactResolver,
  AccountContactsResolver,
  ContactUpsertResultResolver,
  OrderResolver,
  AccountOrdersResolver,
  OrderUpsertResultResolver,
  TicketResolver,
  AccountTicketsResolver,
  TicketUpsertResultResolver,
  AccountPolicyResolver,
  AssessmentDetailsResolver,
  RetentionDetailsResolver,
  TicketPolicyResolver,
  ServicePriorityResolver,
  PolicyQueryResolver,
  ConditionWordingResolver,
  RuleOutlineResolver,
  AssessmentInsightResolver,
  RetentionInsightResolver,
  PolicyVocabularyResolver,
  AssessmentRankResolver,
  RetentionRankResolver,
  ServicePriorityRankResolver,
  TierShareRankResolver,
  NearMissRankResolver,
  RuleDraftResolver,
  EventSubscriptionResolver,
  WebhookSubscriptionResolver,
  WebhookDeliveryResolver,
] as const;

/**
 * The GraphQL schema, built from the resolvers; inputs are validated with class-validator. Reads go
 * through the read planner unless `readPlanner` is false (the differential test's resolver path).
 * Roles come from the role rules alone, put in front of everything else, the planner included:
 * without an authChecker, type-graphql refuses to build with an @Authorized.
 */
export async function buildCustomerGraphSchema(options: { readPlanner?: boolean } = {}): Promise<GraphQLSchema> {
  const schema = describeRootTypes(await buildSchema({ resolvers, validate: inputValidationOptions, pubSub: noTopics }));
  return applyRoleRules(options.readPlanner === false ? schema : installReadPlanner(schema), roleRules);
}

/**
 * type-graphql wants a PubSub as soon as there is a subscription; ours subscribe to the event stream
 * themselves (`subscribe`), never to topics, so this one is never used.
 */
const noTopics: PubSub = {
  publish() {
    throw new Error("subscriptions read the event stream (src/subscriptions/), not topics");
  },
  subscribe() {
    throw new Error("subscriptions read the event stream (src/subscriptions/), not topics");
  },
};

/** type-graphql makes the root types itself and takes no description for them: they are given here. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) {
    query.description =
      "What a client can read. A partner's key sees only the accounts its partner looks after, and what belongs to them; anything else answers as if it did not exist";
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      "What a client can follow live, over the WebSocket at /graphql (graphql-transport-ws; the API key in connection_init's payload as authorization): the outbox's events, scoped and masked as queries are";
  }
  if (mutation) {
    mutation.description =
      "What a client can change, each mutation in one transaction (all or nothing), the policies of the accounts it touches re-evaluated within it. Internal keys only, except where a mutation says otherwise";
  }
  return schema;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show only real changes. */
export function printCustomerGraphSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function emitSchema(schema: GraphQLSchema, file: string): Promise<void> {
  await writeFile(file, printCustomerGraphSchema(schema));
}
