import { ClassType, Field, ID, InputType } from "type-graphql";
import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { InvalidInputError, NotFoundError } from "../shared/errors";
import { databaseIdOf, decodeGlobalId } from "../shared/global-id";
import { Account } from "./account.entity";
import { lockAccountsForReassessment } from "./account.lock";

/** How an upsert item of a contact, an order or a ticket names its account: by our id or by the caller's. */
export interface AccountReferenceInput {
  accountId?: string | null;
  accountExternalId?: string | null;
}

/** An upsert item's fields with the two ways of naming its account added. */
export function withAccountReference<Base extends ClassType<object>>(base: Base) {
  @InputType()
  class ItemWithAccountReference extends base implements AccountReferenceInput {
    @Field(() => ID, { nullable: true, description: "The account (an Account id); give this or accountExternalId" })
    accountId?: string | null;

    @Field(() => String, {
      nullable: true,
      description:
        "The account by its externalId (as upsertAccounts gave it, in this request or before); give this or accountId. A partner's key also finds the accounts staff upserted",
    })
    accountExternalId?: string | null;
  }
  return ItemWithAccountReference;
}

/** An item's account id, or the client error that refuses the item. */
export type AccountOfItem = (item: AccountReferenceInput) => string;

/**
 * Finds and locks (for a reassessing write, in id order) every account the items name, in two statements
 * whatever their number; returns how each item's account id is read. An account the scope does not see
 * is NOT_FOUND at its item. By external id, a partner's own set comes before the staff's.
 */
export async function lockReferencedAccounts(scope: DataScope, manager: EntityManager, items: readonly AccountReferenceInput[]): Promise<AccountOfItem> {
  const externalIds = [...new Set(items.flatMap((item) => (item.accountExternalId == null ? [] : [item.accountExternalId])))];
  const byExternalId = await accountsByExternalId(scope, manager, externalIds);
  const ids = new Set([...byExternalId.values()]);
  for (const item of items) {
    const decoded = item.accountId == null ? null : databaseIdOf("Account", item.accountId);
    if (decoded !== null) ids.add(decoded);
  }
  const locked = await lockAccountsForReassessment(scope, manager, [...ids]);
  return (item) => {
    if ((item.accountId == null) === (item.accountExternalId == null)) {
      throw new InvalidInputError("input.accountId", "give the account by accountId or by accountExternalId, one of them");
    }
    if (item.accountExternalId != null) {
      const id = byExternalId.get(item.accountExternalId);
      if (id === undefined || !locked.has(id)) throw new NotFoundError("Account", item.accountExternalId, "input.accountExternalId");
      return id;
    }
    const id = decodeGlobalId(item.accountId!, "Account", "input.accountId");
    if (!locked.has(id)) throw new NotFoundError("Account", item.accountId!, "input.accountId");
    return id;
  };
}

async function accountsByExternalId(scope: DataScope, manager: EntityManager, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const found = await scope
    .select(manager, Account, "account")
    .select(["account.id", "account.externalId", "account.externalIdOwner"])
    .andWhere("account.external_id = ANY(:externalIds)", { externalIds })
    .andWhere(scope.partnerId === null ? "account.external_id_owner IS NULL" : "(account.external_id_owner IS NULL OR account.external_id_owner = :owner)", {
      owner: scope.partnerId,
    })
    // The staff's (null owner) first, so that the partner's own, set after, wins.
    .orderBy("account.external_id_owner", "ASC", "NULLS FIRST")
    .getMany();
  return new Map(found.map((account) => [account.externalId!, account.id]));
}
