import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AccountManager } from "../account-managers/account-manager.entity";
import { AccountRequest } from "./account.context";
import { tryDecodeGlobalId } from "../shared/global-id";
import { payloadOf } from "../shared/mutation-payload";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Partner } from "../partners/partner.entity";
import { Account } from "./account.entity";
import { AccountFilter, AccountSort, CreateAccountInput, UpdateAccountInput } from "./account.inputs";
import { createAccount, findAccounts, updateAccount } from "./account.service";
import { AccountConnection, accountEdgeOf } from "./account.connection";
import {
  AccountCreateInput,
  AccountCreatePayload,
  AccountPayload,
  AccountUpdateInput,
  AccountUpdatePayload,
  AccountUpserts,
  AccountUpsertResult,
  UpsertAccountsInput,
  UpsertAccountsPayload,
} from "./account.payloads";
import { upsertAccounts } from "./account.upsert";
import { upsertPayloadOf } from "../shared/bulk-upsert";
import { onePerUpsertItem } from "../access/query-cost";
import { externalIdDescription, externalIdSeenBy } from "../shared/external-id";

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: "The account with this id; null when there is none or the caller may not see it" })
  async account(@Arg("id", () => ID, { description: "An Account id" }) id: string, @Ctx() context: AccountRequest): Promise<Account | null> {
    const decoded = tryDecodeGlobalId(id);
    if (decoded?.typeName !== "Account") return null;
    return (await context.loaders.accountById.load(decoded.databaseId)) ?? null;
  }

  @Query(() => AccountConnection, {
    description: "The accounts the caller may see (a partner's key: those its partner looks after), filtered and sorted, a page at a time",
  })
  async accounts(
    @Args() page: PageArguments,
    @Arg("filter", () => AccountFilter, { nullable: true, description: "Only the accounts that meet every condition given" }) filter: AccountFilter | null,
    @Arg("orderBy", () => [AccountSort], { nullable: true, description: "Default: NAME ascending; ties broken by id" })
    orderBy: AccountSort[] | null,
    @Ctx() context: AccountRequest,
  ): Promise<AccountConnection> {
    context.accountPolicies.checkFilter(filter);
    return new AccountConnection(await findAccounts(context.scope, filter, orderBy, page));
  }

  @FieldResolver(() => AccountManager, { nullable: true, description: "The staff member who owns the relationship; null when none is assigned" })
  async accountManager(@Root() account: Account, @Ctx() context: AccountRequest): Promise<AccountManager | null> {
    if (account.accountManagerId === null) return null;
    return (await context.loaders.accountManagerById.load(account.accountManagerId)) ?? null;
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The reseller or service partner that looks after the account; null when we serve it directly" })
  async partner(@Root() account: Account, @Ctx() context: AccountRequest): Promise<Partner | null> {
    if (account.partnerId === null) return null;
    return (await context.loaders.partnerById.load(account.partnerId)) ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: externalIdDescription })
  externalId(@Root() account: Account, @Ctx() context: AccountRequest): string | null {
    return externalIdSeenBy(account, context.scope.partnerId);
  }

  @Mutation(() => AccountUpserts.Payload, {
    nullable: true,
    complexity: onePerUpsertItem,
    description:
      "Creates or updates accounts by their externalId, all in one transaction: one refused item refuses the request, with every refusal in userErrors. Each created or updated account is re-evaluated once. Internal keys only",
  })
  upsertAccounts(
    @Arg("input", () => AccountUpserts.Input, { validate: false, description: "The accounts, and the client's mutation id" }) input: UpsertAccountsInput,
    @Ctx() context: AccountRequest,
  ): Promise<UpsertAccountsPayload> {
    return upsertPayloadOf(context, input, () => upsertAccounts(context.scope, context.accountPolicies, input.items));
  }

  @Mutation(() => Account, {
    description: "Records a new account and evaluates its policies in the same transaction. Internal keys only",
    deprecationReason: "Use accountCreate: one input, a nullable payload with the account's edge and userErrors",
  })
  createAccount(
    @Arg("input", () => CreateAccountInput, { description: "The new account" }) input: CreateAccountInput,
    @Ctx() context: AccountRequest,
  ): Promise<Account> {
    return createAccount(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Account, {
    description: "Changes the fields given (null clears an optional field) and re-evaluates the account's policies in the same transaction. Internal keys only",
    deprecationReason: "Use accountUpdate: the id inside its one input, a nullable payload with userErrors",
  })
  updateAccount(
    @Arg("id", () => ID, { description: "The Account id" }) id: string,
    @Arg("input", () => UpdateAccountInput, { description: "The fields to change" }) input: UpdateAccountInput,
    @Ctx() context: AccountRequest,
  ): Promise<Account> {
    return updateAccount(context.scope, context.accountPolicies, id, input);
  }

  @Mutation(() => AccountCreatePayload, {
    nullable: true,
    description: "Records a new account and evaluates its policies in the same transaction; refusals come back in userErrors. Internal keys only",
  })
  accountCreate(
    @Arg("input", () => AccountCreateInput, { validate: false, description: "The new account, and the client's mutation id" }) input: AccountCreateInput,
    @Ctx() context: AccountRequest,
  ): Promise<AccountCreatePayload> {
    return payloadOf(context, input, async () => {
      const account = await createAccount(context.scope, context.accountPolicies, input);
      return { accountId: account.id, accountEdge: accountEdgeOf(account) };
    });
  }

  @Mutation(() => AccountUpdatePayload, {
    nullable: true,
    description:
      "Changes the fields given (null clears an optional field) and re-evaluates the account's policies in the same transaction; refusals come back in userErrors. Internal keys only",
  })
  accountUpdate(
    @Arg("input", () => AccountUpdateInput, { validate: false, description: "The account to change, the fields to change, and the client's mutation id" })
    input: AccountUpdateInput,
    @Ctx() context: AccountRequest,
  ): Promise<AccountUpdatePayload> {
    return payloadOf(context, input, async () => ({ accountId: (await updateAccount(context.scope, context.accountPolicies, input.accountId, input)).id }), {
      id: "accountId",
    });
  }
}

/** The `account` of every payload about one account, read after the change through the request's (fresh) loaders. */
@Resolver(() => AccountPayload)
export class AccountPayloadResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The account, read after the change: its counts, assessment and retention as they now stand" })
  async account(@Root() payload: AccountPayload, @Ctx() context: AccountRequest): Promise<Account | null> {
    if (payload.accountId === undefined) return null;
    return (await context.loaders.accountById.load(payload.accountId)) ?? null;
  }
}

/** The `node` of each upsertAccounts result, read after the writes through the request's (fresh) loaders. */
@Resolver(() => AccountUpserts.Result)
export class AccountUpsertResultResolver {
  @FieldResolver(() => Account, { complexity: 0, description: "The account as the upsert left it" })
  async node(@Root() result: AccountUpsertResult, @Ctx() context: AccountRequest): Promise<Account> {
    const account = await context.loaders.accountById.load(result.id);
    if (!account) throw new Error(`upserted account ${result.id} is not visible to its own request`);
    return account;
  }
}
