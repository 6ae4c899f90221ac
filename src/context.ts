import { DataSource } from "typeorm";
import { createDataScope, DataScope } from "./access/data-scope";
import { Caller } from "./access/roles";
import { AccountManager } from "./account-managers/account-manager.entity";
import { Account } from "./accounts/account.entity";
import { Partner } from "./partners/partner.entity";
import { createContactLoaders } from "./contacts/contact.loaders";
import { createOrderLoaders } from "./orders/order.loaders";
import { entityLoaderById } from "./access/scoped-loaders";
import { createPolicyLoaders } from "./policies/graphql/policy.loaders";
import { PolicyRegistry } from "./policies/policy-registry";
import { RuleSet } from "./policies/rule-set";
import { createTicketLoaders } from "./tickets/ticket.loaders";

/** The loaders of one request: made fresh per request, so no caller ever sees another's cache or rows. */
export function createLoaders(scope: DataScope) {
  return {
    accountById: entityLoaderById(scope, Account),
    accountManagerById: entityLoaderById(scope, AccountManager),
    partnerById: entityLoaderById(scope, Partner),
    ...createOrderLoaders(scope),
    ...createContactLoaders(scope),
    ...createTicketLoaders(scope),
    ...createPolicyLoaders(scope),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  /** Who is calling, from the request's API key. */
  caller: Caller;
  /** What of the graph the caller may reach; every service reads and writes through it. */
  scope: DataScope;
  loaders: Loaders;
  policies: PolicyRegistry;
  /** The rule set this request started with: it finishes on it even if a newer one is swapped in meanwhile. */
  ruleSet: RuleSet;
}

export function createRequestContext(dataSource: DataSource, policies: PolicyRegistry, caller: Caller): RequestContext {
  return contextWithScope(createDataScope(dataSource, caller), policies, caller);
}

export function contextWithScope(scope: DataScope, policies: PolicyRegistry, caller: Caller): RequestContext {
  return { caller, scope, loaders: createLoaders(scope), policies, ruleSet: policies.current() };
}

/** The request's context with loaders of its own, empty: for running a query again from the start. */
export function withFreshLoaders(context: RequestContext): RequestContext {
  return { ...context, loaders: createLoaders(context.scope) };
}
