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
  @Query(() => Account, { nullable: true, description: "The account with this id, or null" })
  async account(@Arg("id", () => ID) id: string, @Ctx() context: AccountRequest): Promise<Account | null> {
    const decoded = tryDecodeGlobalId(id);
    if (decoded?.typeName !== "Account") return null;
    return (await context.loaders.accountById.load(decoded.databaseId)) ?? null;
  }

  @Query(() => AccountConnection)
  async accounts(
    @Args() page: PageArguments,
    @Arg("filter", () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Arg("orderBy", () => [AccountSort], { nullable: true, description: "Default: NAME ascending; ties broken by id" })
    orderBy: AccountSort[] | null,
    @Ctx() context: AccountRequest,
  ): Promise<AccountConnection> {
    context.accountPolicies.checkFilter(filter);
    return new AccountConnection(await findAccounts(context.scope, filter, orderBy, page));
  }

  @FieldResolver(() => AccountManager, { nullable: true })
  async accountManager(@Root() account: Account, @Ctx() context: AccountRequest): Promise<AccountManager | null> {
    if (account.accountManagerId === null) return null;
    return (await context.loaders.accountManagerById.load(account.accountManagerId)) ?? null;
  }

  @FieldResolver(() => Partner, { nullable: true })
  async partner(@Root() account: Account, @Ctx() context: AccountRequest): Promise<Partner | null> {
    if (account.partnerId === null) return null;
    return (await context.loaders.partnerById.load(account.partnerId)) ?? null;
  }

  @Mutation(() => Account)
  createAccount(@Arg("input", () => CreateAccountInput) input: CreateAccountInput, @Ctx() context: AccountRequest): Promise<Account> {
    return createAccount(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Account, { description: "Changes the fields given; null clears an optional field" })
  updateAccount(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateAccountInput) input: UpdateAccountInput,
    @Ctx() context: AccountRequest,
  ): Promise<Account> {
    return updateAccount(context.scope, context.accountPolicies, id, input);
  }
}
