import { EntityManager } from "typeorm";
import { asExternalIdConflict, findByExternalIds, lockExternalIds } from "../access/external-ids";
import { DataScope } from "../access/data-scope";
import { checkEachItem, refuseRepeatedExternalIds, UpsertedItem, UpsertOutcome } from "../shared/bulk-upsert";
import { AccountPolicies } from "./account-policies";
import { Account, AccountStatus } from "./account.entity";
import { CreateAccountInput } from "./account.inputs";
import { checkAccountRules, checkStatusChange, customerSinceForStatus } from "./account.rules";
import { ReferenceChecker, referenceChecker } from "./account.owners";

/** An account as an upsert gives it: the fields of a new account and its id in the caller's system. */
export interface AccountUpsertFields extends CreateAccountInput {
  externalId: string;
}

/** The columns an upsert item sets, compared with the stored account to tell UPDATED from UNCHANGED. */
const upsertedColumns = [
  "name",
  "kind",
  "industry",
  "region",
  "employees",
  "status",
  "customerSince",
  "loyaltyPoints",
  "contractStartsOn",
  "contractEndsOn",
  "contractAutoRenew",
  "accountManagerId",
  "partnerId",
] as const;
type AccountColumns = Pick<Account, (typeof upsertedColumns)[number]>;

interface PlannedAccount {
  index: number;
  outcome: UpsertOutcome;
  account: Account;
}

/**
 * Creates or updates each item's account by its external id, all in one transaction: one refused item
 * refuses them all (UpsertRefused, every refusal at once). An item equal to its stored account writes
 * nothing; the policies re-evaluate every created or updated account once, after the writes.
 */
export async function upsertAccounts(scope: DataScope, policies: AccountPolicies, items: readonly AccountUpsertFields[]): Promise<UpsertedItem[]> {
  refuseRepeatedExternalIds(items);
  const externalIds = items.map((item) => item.externalId.trim());
  try {
    return await scope.transaction(async (manager) => {
      await lockExternalIds(manager, "accounts", scope, externalIds);
      // Locked as every reassessing write locks its account, in id order.
      const stored = await findByExternalIds(scope, manager, Account, externalIds, { lockForUpdate: true });
      const references = referenceChecker(manager);
      const planned = await checkEachItem(items, async (item, index) => {
        const columns = await accountColumns(item, references, stored.get(externalIds[index]));
        return planAccount(index, externalIds[index], columns, stored.get(externalIds[index]), scope.partnerId);
      });
      const written = await writeAccounts(manager, planned);
      await policies.reassess(manager, written);
      return planned.map(({ index, outcome, account }) => ({ index, outcome, id: account.id }));
    });
  } catch (error) {
    throw asExternalIdConflict(error);
  }
}

function planAccount(index: number, externalId: string, columns: AccountColumns, stored: Account | undefined, owner: string | null): PlannedAccount {
  if (stored === undefined) {
    const account = Object.assign(new Account(), columns, { externalId, externalIdOwner: owner });
    checkAccountRules(account);
    return { index, outcome: UpsertOutcome.CREATED, account };
  }
  if (upsertedColumns.every((column) => stored[column] === columns[column])) return { index, outcome: UpsertOutcome.UNCHANGED, account: stored };
  if (columns.status !== stored.status) checkStatusChange(stored.status, columns.status);
  const account = Object.assign(stored, columns, { updatedAt: new Date() });
  checkAccountRules(account);
  return { index, outcome: UpsertOutcome.UPDATED, account };
}

/**
 * The columns of an item: the fields of a new account, defaults included. A stored customer keeps its
 * customer-since date when the item gives none (a new customer gets today).
 */
async function accountColumns(item: AccountUpsertFields, references: ReferenceChecker, stored: Account | undefined): Promise<AccountColumns> {
  const keptCustomerSince = stored?.status === AccountStatus.PROSPECT ? null : (stored?.customerSince ?? null);
  return {
    name: item.name.trim(),
    kind: item.kind,
    industry: item.industry.trim(),
    region: item.region,
    employees: item.employees ?? null,
    status: item.status,
    customerSince: customerSinceForStatus(
      item.status,
      item.customerSince ?? (item.status === AccountStatus.PROSPECT ? null : keptCustomerSince),
      "input.customerSince",
    ),
    loyaltyPoints: item.loyaltyPoints,
    contractStartsOn: item.contract?.startsOn ?? null,
    contractEndsOn: item.contract?.endsOn ?? null,
    contractAutoRenew: item.contract?.autoRenew ?? false,
    accountManagerId: await references(item.accountManagerId, "AccountManager", "input.accountManagerId"),
    partnerId: await references(item.partnerId, "Partner", "input.partnerId"),
  };
}

/** Inserts the new accounts in one statement and saves the changed ones; the ids of both, to re-evaluate. */
async function writeAccounts(manager: EntityManager, planned: PlannedAccount[]): Promise<string[]> {
  const repository = manager.getRepository(Account);
  const created = planned.filter((plan) => plan.outcome === UpsertOutcome.CREATED).map((plan) => plan.account);
  if (created.length > 0) {
    const { identifiers } = await repository.insert(created);
    identifiers.forEach((identifier, position) => Object.assign(created[position], identifier));
  }
  const updated = planned.filter((plan) => plan.outcome === UpsertOutcome.UPDATED).map((plan) => plan.account);
  if (updated.length > 0) await repository.save(updated);
  return [...created, ...updated].map((account) => account.id);
}
