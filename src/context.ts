import { DataSource } from "typeorm";
import { Caller } from "./access/roles";
import { AccountManager } from "./account-managers/account-manager.entity";
import { Account } from "./accounts/account.entity";
import { Partner } from "./partners/partner.entity";
import { createContactLoaders } from "./contacts/contact.loaders";
import { createOrderLoaders } from "./orders/order.loaders";
import { entityLoaderById } from "./shared/loaders";
import { createPolicyLoaders } from "./policies/graphql/policy.loaders";
import { PolicyRegistry } from "./policies/policy-registry";
import { RuleSet } from "./policies/rule-set";
import { createTicketLoaders } from "./tickets/ticket.loaders";

/** The loaders of one request: made fresh per request, so no caller ever sees another's cache. */
export function createLoaders(dataSource: DataSource) {
  return {
    accountById: entityLoaderById(dataSource, Account),
    accountManagerById: entityLoaderById(dataSource, AccountManager),
    partnerById: entityLoaderById(dataSource, Partner),
    ...createOrderLoaders(dataSource),
    ...createContactLoaders(dataSource),
    ...createTicketLoaders(dataSource),
    ...createPolicyLoaders(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  /** Who is calling, from the request's API key. */
  caller: Caller;
  dataSource: DataSource;
  loaders: Loaders;
  policies: PolicyRegistry;
  /** The rule set this request started with: it finishes on it even if a newer one is swapped in meanwhile. */
  ruleSet: RuleSet;
}

export function createRequestContext(dataSource: DataSource, policies: PolicyRegistry, caller: Caller): RequestContext {
  return { caller, dataSource, loaders: createLoaders(dataSource), policies, ruleSet: policies.current() };
}
