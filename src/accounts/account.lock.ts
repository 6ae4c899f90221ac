import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { Account } from "./account.entity";

/**
 * Locks the account for a write that reassesses it; null when the scope sees no such account.
 * Every such write takes it first in its transaction, before it reads a fact or locks another row:
 * a second writer on the same account waits for the first to commit and then reads facts that
 * include it (two complaints opened at once see each other), and writers never wait on each other
 * in a circle. NO KEY UPDATE still lets other tables reference the account meanwhile.
 */
export function lockAccountForReassessment(scope: DataScope, manager: EntityManager, accountId: string): Promise<Account | null> {
  return scope.select(manager, Account, "account").andWhere("account.id = :accountId", { accountId }).setLock("for_no_key_update").getOne();
}

/**
 * Locks many accounts as lockAccountForReassessment locks one, in id order, so that two writers of
 * overlapping sets never wait on each other in a circle; the ids of those the scope sees.
 */
export async function lockAccountsForReassessment(scope: DataScope, manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const locked = await scope
    .select(manager, Account, "account")
    .select("account.id")
    .andWhere("account.id = ANY(:ids)", { ids })
    .orderBy("account.id")
    .setLock("for_no_key_update")
    .getMany();
  return new Set(locked.map((account) => account.id));
}
