import { DataSource } from "typeorm";
import { createDataScope, DataScope } from "../access/data-scope";
import { Caller } from "../access/roles";
import { AccountRequest } from "../accounts/account.context";
import { createAccountLoaders } from "../accounts/account.loaders";
import { ContactRequest } from "../contacts/contact.context";
import { createContactLoaders } from "../contacts/contact.loaders";
import { OrderRequest } from "../orders/order.context";
import { createOrderLoaders } from "../orders/order.loaders";
import { createPartnerLoaders } from "../partners/partner.loaders";
import { accountPoliciesOf } from "../policies/account-policies";
import { PolicyRequest } from "../policies/graphql/policy.context";
import { createPolicyLoaders } from "../policies/graphql/policy.loaders";
import { PolicyRegistry } from "../policies/policy-registry";
import { TicketRequest } from "../tickets/ticket.context";
import { createTicketLoaders } from "../tickets/ticket.loaders";
import { WebhookRequest } from "../webhooks/webhook.context";
import { RuleWorkbenchRequest } from "../policies/graphql/rule-draft.context";
import { readOnlyRuleWorkbench, RuleWorkbench, RuleWorkbenchSettings } from "../policies/publication/rule-workbench";
import { WebhookJobs } from "../webhooks/webhook-jobs";
import { createWebhookLoaders } from "../webhooks/webhook.loaders";
import { partnerConditions } from "./partner-conditions";

/** The loaders of one request: made fresh per request, so no caller ever sees another's cache or rows. */
export function createLoaders(scope: DataScope) {
  return {
    ...createAccountLoaders(scope),
    ...createPartnerLoaders(scope),
    ...createOrderLoaders(scope),
    ...createContactLoaders(scope),
    ...createTicketLoaders(scope),
    ...createPolicyLoaders(scope),
    ...createWebhookLoaders(scope),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** One request's context: what every domain's resolvers ask of it, put together. */
export interface RequestContext extends AccountRequest, ContactRequest, OrderRequest, TicketRequest, PolicyRequest, WebhookRequest, RuleWorkbenchRequest {
  loaders: Loaders;
}

/** What a process runs besides the database that some requests need: the webhooks' job queue (redeliveries), the analysts' rule workbench (publications queue re-evaluations). */
export interface RequestServices {
  webhookJobs?: WebhookJobs;
  /** How this process publishes rules (its job queue, review and preview settings); without it the workbench reads only. */
  rulePublication?: RuleWorkbenchSettings;
}

export function createRequestContext(dataSource: DataSource, policies: PolicyRegistry, caller: Caller, services: RequestServices = {}): RequestContext {
  const context = contextWithScope(createDataScope(dataSource, caller, partnerConditions), policies, caller, services);
  return { ...context, ruleWorkbench: new RuleWorkbench(dataSource, services.rulePublication ?? readOnlyRuleWorkbench) };
}

export function contextWithScope(scope: DataScope, policies: PolicyRegistry, caller: Caller, services: RequestServices = {}): RequestContext {
  const ruleSet = policies.current();
  return { caller, scope, loaders: createLoaders(scope), policies, ruleSet, accountPolicies: accountPoliciesOf(ruleSet), forgetReads, ...services };
}

/** New, empty loaders on the scope the request has now (an idempotent request's scope is set later): what follows reads afresh. */
function forgetReads(this: RequestContext): void {
  this.loaders = createLoaders(this.scope);
}

/** The request's context with loaders of its own, empty: for running a query again from the start. */
export function withFreshLoaders(context: RequestContext): RequestContext {
  return { ...context, loaders: createLoaders(context.scope) };
}
