import { Field, ID, InputType, ObjectType } from "type-graphql";
import { upsertTypes, withExternalId } from "../shared/bulk-upsert";
import { MutationPayload, withClientMutationId } from "../shared/mutation-payload";
import { AccountConnection, AccountEdge } from "./account.connection";
import { CreateAccountInput, UpdateAccountInput } from "./account.inputs";

@InputType({ description: "A new account (accountCreate), with the client's mutation id" })
export class AccountCreateInput extends withClientMutationId(CreateAccountInput) {}

@InputType({ description: "The account to change and the fields to change (accountUpdate); only the fields given change, null clears an optional one" })
export class AccountUpdateInput extends withClientMutationId(UpdateAccountInput) {
  @Field(() => ID, { description: "The account to change" })
  accountId: string;
}

/**
 * A payload about one account. Its `account` field (AccountPayloadResolver) reads the account when
 * asked, after the change: its counts, assessment and retention as the change left them.
 */
@ObjectType()
export abstract class AccountPayload extends MutationPayload {
  /** The account the change touched; absent when the mutation was refused. */
  accountId?: string;
}

@ObjectType({ description: "What accountCreate did: the new account and its edge in accounts, or why it refused" })
export class AccountCreatePayload extends AccountPayload {
  @Field(() => AccountConnection.Edge, {
    nullable: true,
    description: "The new account's edge in accounts in their default order (by name), to add it to a list the client shows (Relay's @appendEdge)",
  })
  accountEdge?: AccountEdge;
}

@ObjectType({ description: "What accountUpdate did: the account as changed, or why it refused" })
export class AccountUpdatePayload extends AccountPayload {}

@InputType({ description: "One account of upsertAccounts: the fields of a new account, and its id in the caller's system" })
export class AccountUpsertItem extends withExternalId(CreateAccountInput) {}

export const AccountUpserts = upsertTypes(AccountUpsertItem, "Account", "Accounts");
export type UpsertAccountsInput = InstanceType<typeof AccountUpserts.Input>;
export type UpsertAccountsPayload = InstanceType<typeof AccountUpserts.Payload>;
export type AccountUpsertResult = InstanceType<typeof AccountUpserts.Result>;
