import { IsInt, Length, Max, Min, ValidateNested } from "class-validator";
import { LocalDateScalar } from "../shared/scalars";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { SortDirection } from "../shared/pagination/page-arguments";
import { DateRange } from "../shared/ranges";
import { IsNotBlank } from "../shared/validators";
import { AccountKind, AccountStatus, Region } from "./account.entity";

@InputType({ description: "Accounts matching every given condition" })
export class AccountFilter {
  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive part of the account's name, 1 to 200 characters; adds 20 points to a query's cost (it reads every row)",
  })
  @Length(1, 200)
  search?: string | null;

  @Field(() => [String], { nullable: true, description: "Any of these industries, each matched exactly (case included)" })
  industry?: string[] | null;

  @Field(() => [Region], { nullable: true, description: "Any of these regions" })
  region?: Region[] | null;

  @Field(() => [AccountStatus], { nullable: true, description: "Any of these statuses" })
  status?: AccountStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only the accounts this partner looks after (a Partner id); a partner's key sees no others anyway" })
  partnerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only the accounts this account manager owns (an AccountManager id)" })
  accountManagerId?: string | null;

  @Field(() => DateRange, { nullable: true, description: "Only the accounts that became customers within these days; prospects never match" })
  @ValidateNested()
  customerSince?: DateRange | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Any of these tiers, as rules/tiering.json declares them (e.g. platinum); a name it does not declare is BAD_USER_INPUT; accounts not yet evaluated never match",
  })
  tier?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Any of these lifecycle stages, as rules/tiering.json declares them (e.g. at_risk); a name it does not declare is BAD_USER_INPUT",
  })
  lifecycleStage?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Any of these retention risks, as rules/retention-barriers.json declares them (e.g. high); internal and analyst keys only (partners get FORBIDDEN): counting accounts by risk would tell the risk",
  })
  retentionRisk?: string[] | null;
}

export enum AccountSortField {
  NAME = "NAME",
  CUSTOMER_SINCE = "CUSTOMER_SINCE",
  CREATED_AT = "CREATED_AT",
  LOYALTY_POINTS = "LOYALTY_POINTS",
}
registerEnumType(AccountSortField, {
  name: "AccountSortField",
  description: "What a list of accounts can be sorted by",
  valuesConfig: {
    NAME: { description: "The trading name, in the database's collation" },
    CUSTOMER_SINCE: { description: "The day the account became a customer; prospects (no date yet) sort after every customer, so first when descending" },
    CREATED_AT: { description: "When the account was recorded here" },
    LOYALTY_POINTS: { description: "The loyalty points it holds" },
  },
});

@InputType({ description: "One sort key for a list of accounts; later keys break the ties of earlier ones, and the id breaks the last ties" })
export class AccountSort {
  @Field(() => AccountSortField, { description: "What to sort by; a field may appear once in an orderBy" })
  field: AccountSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "Which way; ascending unless given" })
  direction: SortDirection;
}

@InputType({ description: "A contract: start, optional end, and whether it renews by itself" })
export class ContractInput {
  @Field(() => LocalDateScalar, { description: "The first day the contract runs" })
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day it ends, not before startsOn; null or left out for an open-ended contract" })
  endsOn?: string | null;

  @Field({ defaultValue: false, description: "Whether it renews by itself when it ends; false unless given" })
  autoRenew: boolean;
}

@InputType({ description: "A new account; its tier, lifecycle stage and retention are evaluated in the same transaction" })
export class CreateAccountInput {
  @Field({ description: "Trading name as the customer writes it, 1 to 200 characters, not blank; trimmed" })
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @Field(() => AccountKind, { defaultValue: AccountKind.ORGANIZATION, description: "An organization (the default) or a consumer" })
  kind: AccountKind;

  @Field({ description: "The customer's industry in our words, 1 to 100 characters, not blank, e.g. Retail" })
  @Length(1, 100)
  @IsNotBlank()
  industry: string;

  @Field(() => Region, { description: "The sales region the account belongs to" })
  region: Region;

  @Field(() => Int, { nullable: true, description: "Headcount, at least 1; null or left out when unknown" })
  @IsInt()
  @Min(1)
  employees?: number | null;

  @Field(() => AccountStatus, { defaultValue: AccountStatus.PROSPECT, description: "Where the account stands; a prospect unless given" })
  status: AccountStatus;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The day it became a customer: must be left out for a PROSPECT; for a customer it defaults to today (UTC)",
  })
  customerSince?: string | null;

  @Field(() => ID, { nullable: true, description: "The staff member who owns the relationship (an AccountManager id); null or left out for none" })
  accountManagerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The partner who looks after the account (a Partner id); null or left out when we serve it directly" })
  partnerId?: string | null;

  @Field(() => ContractInput, { nullable: true, description: "The account's contract; null or left out for none" })
  @ValidateNested()
  contract?: ContractInput | null;

  @Field(() => Int, { defaultValue: 0, description: "Loyalty points it starts with, 0 to 1,000,000,000; none unless given" })
  @Min(0)
  @Max(1_000_000_000)
  loyaltyPoints: number;
}

@InputType({ description: "Only the fields given change; null clears an optional field and is refused (BAD_USER_INPUT) for a required one" })
export class UpdateAccountInput {
  @Field({ nullable: true, description: "Trading name, 1 to 200 characters, not blank; trimmed" })
  @Length(1, 200)
  @IsNotBlank()
  name?: string;

  @Field({ nullable: true, description: "The customer's industry in our words, 1 to 100 characters, not blank" })
  @Length(1, 100)
  @IsNotBlank()
  industry?: string;

  @Field(() => Region, { nullable: true, description: "The sales region" })
  region?: Region;

  @Field(() => Int, { nullable: true, description: "Headcount, at least 1; null when no longer known" })
  @Min(1)
  employees?: number | null;

  @Field(() => AccountStatus, {
    nullable: true,
    description: "A new status: PROSPECT to ACTIVE, ACTIVE to CHURNED or CHURNED to ACTIVE; any other change is a CONFLICT",
  })
  status?: AccountStatus;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      "The day it became a customer; must stay empty for a PROSPECT. A customer left without one (null, or becoming ACTIVE without it) gets today (UTC)",
  })
  customerSince?: string | null;

  @Field(() => ID, { nullable: true, description: "The staff member who owns the relationship (an AccountManager id); null for none" })
  accountManagerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The partner who looks after the account (a Partner id); null when we serve it directly" })
  partnerId?: string | null;

  @Field(() => ContractInput, { nullable: true, description: "The contract, replaced whole; null when the account no longer has one" })
  @ValidateNested()
  contract?: ContractInput | null;

  @Field(() => Int, { nullable: true, description: "Loyalty points it holds, 0 to 1,000,000,000" })
  @Min(0)
  @Max(1_000_000_000)
  loyaltyPoints?: number;
}
