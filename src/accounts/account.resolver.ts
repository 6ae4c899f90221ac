import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AccountManager } from "../account-managers/account-manager.entity";
import { AccountRequest } from "./account.context";
import { tryDecodeGlobalId } from "../shared/global-id";
import { ConnectionType } from "../shared/pagination/connection";
import { PageArguments } from "../shared/pagination/page-arguments";
import { Partner } from "../partners/partner.entity";
import { Account } from "./account.entity";
import { AccountFilter, AccountSort, CreateAccountInput, UpdateAccountInput } from "./account.inputs";
import { createAccount, findAccounts, updateAccount } from "./account.service";

export const AccountConnection = ConnectionType(Account, "Account");
export type AccountConnection = InstanceType<typeof AccountConnection>;

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

  @Mutation(() => Account, { description: "Records a new account and evaluates its policies in the same transaction. Internal keys only" })
  createAccount(
    @Arg("input", () => CreateAccountInput, { description: "The new account" }) input: CreateAccountInput,
    @Ctx() context: AccountRequest,
  ): Promise<Account> {
    return createAccount(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Account, {
    description: "Changes the fields given (null clears an optional field) and re-evaluates the account's policies in the same transaction. Internal keys only",
  })
  updateAccount(
    @Arg("id", () => ID, { description: "The Account id" }) id: string,
    @Arg("input", () => UpdateAccountInput, { description: "The fields to change" }) input: UpdateAccountInput,
    @Ctx() context: AccountRequest,
  ): Promise<Account> {
    return updateAccount(context.scope, context.accountPolicies, id, input);
  }
}
