import { EntityManager } from "typeorm";
import { AccountFilter } from "./account.inputs";

/**
 * What the account use cases (and the orders' and tickets', which change an account's facts) need of the
 * policy layer. The policies sit above the domains, so the request context hands this in, bound to the
 * rule set the request started with.
 */
export interface AccountPolicies {
  /**
   * Re-evaluates the accounts and their open tickets and writes the results in the write's own transaction.
   * The caller holds each account's lock (lockAccountForReassessment) from the start of that transaction.
   */
  reassess(manager: EntityManager, accountIds: readonly string[]): Promise<void>;
  /** Refuses a filter naming a tier, lifecycle stage or retention risk that the rules do not declare. */
  checkFilter(filter: AccountFilter | null | undefined): void;
}
