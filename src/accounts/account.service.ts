import { AccountPolicies } from "./account-policies";
import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Page } from "../shared/pagination/connection";
import { SortDirection, PageArguments, toPageRequest } from "../shared/pagination/page-arguments";
import { fetchPage, ListQuery } from "../access/scoped-page-query";
import { OrderByInput, SortKey, toSortKeys } from "../shared/pagination/sort-order";
import { Account } from "./account.entity";
import { AccountError, AccountErrorReason } from "./account.errors";
import { lockAccountForReassessment } from "./account.lock";
import { checkAccountRules, checkStatusChange, customerSinceForStatus } from "./account.rules";
import { applyAccountFilter } from "./account.filters";
import { AccountFilter, AccountSortField, CreateAccountInput, UpdateAccountInput } from "./account.inputs";
import { accountSortFields } from "./account.sort-fields";
import { referenceChecker } from "./account.owners";

const defaultAccountOrder: OrderByInput<AccountSortField>[] = [{ field: AccountSortField.NAME, direction: SortDirection.ASC }];

export async function findAccounts(
  scope: DataScope,
  filter: AccountFilter | null | undefined,
  orderBy: ReadonlyArray<OrderByInput<AccountSortField>> | null | undefined,
  pageArguments: PageArguments,
): Promise<Page<Account>> {
  const { filtered, keys, page } = accountListQuery(scope, filter, orderBy, pageArguments);
  return fetchPage(scope, filtered, keys, page);
}

/** Accounts as a client lists them (default by name); arguments are checked here, before any SQL. */
export function accountListQuery(
  scope: DataScope,
  filter: AccountFilter | null | undefined,
  orderBy: ReadonlyArray<OrderByInput<AccountSortField>> | null | undefined,
  pageArguments: PageArguments,
): ListQuery<Account> {
  return {
    filtered: (manager, alias) => applyAccountFilter(scope.select(manager, Account, alias), filter),
    keys: accountSortKeys(orderBy),
    page: toPageRequest(pageArguments),
  };
}

/** The sort keys of an account list: the client's orderBy, or by name; ties broken by id. */
export function accountSortKeys(orderBy: ReadonlyArray<OrderByInput<AccountSortField>> | null | undefined): SortKey<Account>[] {
  return toSortKeys(orderBy?.length ? orderBy : defaultAccountOrder, accountSortFields);
}

export async function createAccount(scope: DataScope, policies: AccountPolicies, input: CreateAccountInput): Promise<Account> {
  return scope.transaction(async (manager) => {
    const references = referenceChecker(manager);
    const account = manager.getRepository(Account).create({
      name: input.name.trim(),
      kind: input.kind,
      industry: input.industry.trim(),
      region: input.region,
      employees: input.employees ?? null,
      status: input.status,
      customerSince: customerSinceForStatus(input.status, input.customerSince ?? null, "input.customerSince"),
      loyaltyPoints: input.loyaltyPoints,
      ...contractColumns(input.contract),
      accountManagerId: await references(input.accountManagerId, "AccountManager", "input.accountManagerId"),
      partnerId: await references(input.partnerId, "Partner", "input.partnerId"),
    });
    checkAccountRules(account);
    const saved = await manager.getRepository(Account).save(account);
    await policies.reassess(manager, [saved.id]);
    return saved;
  });
}

export async function updateAccount(scope: DataScope, policies: AccountPolicies, globalId: string, input: UpdateAccountInput): Promise<Account> {
  const id = decodeGlobalId(globalId, "Account", "id");
  return scope.transaction(async (manager) => {
    const repository = manager.getRepository(Account);
    const account = await lockAccountForReassessment(scope, manager, id);
    if (!account) throw new NotFoundError("Account", globalId, "id");
    const changes = await accountChanges(manager, account, input);
    Object.assign(account, changes, { updatedAt: new Date() });
    checkAccountRules(account);
    const saved = await repository.save(account);
    // Contract, loyalty points and status are facts of every policy family.
    await policies.reassess(manager, [account.id]);
    return saved;
  });
}

async function accountChanges(manager: EntityManager, account: Account, input: UpdateAccountInput): Promise<Partial<Account>> {
  const changes: Partial<Account> = {};
  for (const field of ["name", "industry", "region", "status", "loyaltyPoints"] as const) {
    const value = input[field];
    if (value === null) requiredField(field);
    if (value !== undefined) Object.assign(changes, { [field]: typeof value === "string" ? value.trim() : value });
  }
  if (input.employees !== undefined) changes.employees = input.employees;
  if (input.status !== undefined && input.status !== account.status) {
    checkStatusChange(account.status, input.status);
  }
  if (input.status !== undefined || input.customerSince !== undefined) {
    const status = input.status ?? account.status;
    const given = input.customerSince === undefined ? account.customerSince : input.customerSince;
    changes.customerSince = customerSinceForStatus(status, given, "input.customerSince");
  }
  if (input.contract !== undefined) Object.assign(changes, contractColumns(input.contract));
  if (input.accountManagerId !== undefined) {
    changes.accountManagerId = await referenceChecker(manager)(input.accountManagerId, "AccountManager", "input.accountManagerId");
  }
  if (input.partnerId !== undefined) {
    changes.partnerId = await referenceChecker(manager)(input.partnerId, "Partner", "input.partnerId");
  }
  return changes;
}

function requiredField(field: string): never {
  throw new AccountError(AccountErrorReason.REQUIRED_FIELD_CLEARED, `input.${field}: cannot be cleared`, `input.${field}`);
}

function contractColumns(contract: CreateAccountInput["contract"]): Pick<Account, "contractStartsOn" | "contractEndsOn" | "contractAutoRenew"> {
  return {
    contractStartsOn: contract?.startsOn ?? null,
    contractEndsOn: contract?.endsOn ?? null,
    contractAutoRenew: contract?.autoRenew ?? false,
  };
}
