import { IsInt, Length, Max, Min, ValidateNested } from "class-validator";
import { LocalDateScalar } from "../shared/scalars";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { SortDirection } from "../shared/pagination/page-arguments";
import { DateRange } from "../shared/ranges";
import { IsNotBlank } from "../shared/validators";
import { AccountKind, AccountStatus, Region } from "./account.entity";

@InputType({ description: "Accounts matching every given condition" })
export class AccountFilter {
  @Field(() => String, { nullable: true, description: "Case-insensitive part of the account's name" })
  @Length(1, 200)
  search?: string | null;

  @Field(() => [String], { nullable: true, description: "Any of these industries" })
  industry?: string[] | null;

  @Field(() => [Region], { nullable: true, description: "Any of these regions" })
  region?: Region[] | null;

  @Field(() => [AccountStatus], { nullable: true, description: "Any of these statuses" })
  status?: AccountStatus[] | null;

  @Field(() => ID, { nullable: true })
  partnerId?: string | null;

  @Field(() => ID, { nullable: true })
  accountManagerId?: string | null;

  @Field(() => DateRange, { nullable: true })
  @ValidateNested()
  customerSince?: DateRange | null;

  @Field(() => [String], { nullable: true, description: "Any of these tiers, as rules/tiering.json declares them (e.g. platinum)" })
  tier?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Any of these lifecycle stages, as rules/tiering.json declares them" })
  lifecycleStage?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Any of these retention risks, as rules/retention-barriers.json declares them" })
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
  valuesConfig: { CUSTOMER_SINCE: { description: "Prospects (no date yet) sort after every customer" } },
});

@InputType()
export class AccountSort {
  @Field(() => AccountSortField)
  field: AccountSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType({ description: "A contract: start, optional end, and whether it renews by itself" })
export class ContractInput {
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true })
  endsOn?: string | null;

  @Field({ defaultValue: false })
  autoRenew: boolean;
}

@InputType()
export class CreateAccountInput {
  @Field()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @Field(() => AccountKind, { defaultValue: AccountKind.ORGANIZATION })
  kind: AccountKind;

  @Field()
  @Length(1, 100)
  @IsNotBlank()
  industry: string;

  @Field(() => Region)
  region: Region;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(1)
  employees?: number | null;

  @Field(() => AccountStatus, { defaultValue: AccountStatus.PROSPECT })
  status: AccountStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: "Prospects have none; for customers it defaults to today" })
  customerSince?: string | null;

  @Field(() => ID, { nullable: true })
  accountManagerId?: string | null;

  @Field(() => ID, { nullable: true })
  partnerId?: string | null;

  @Field(() => ContractInput, { nullable: true })
  @ValidateNested()
  contract?: ContractInput | null;

  @Field(() => Int, { defaultValue: 0 })
  @Min(0)
  @Max(1_000_000_000)
  loyaltyPoints: number;
}

@InputType({ description: "Only the fields given change; null clears an optional field" })
export class UpdateAccountInput {
  @Field({ nullable: true })
  @Length(1, 200)
  @IsNotBlank()
  name?: string;

  @Field({ nullable: true })
  @Length(1, 100)
  @IsNotBlank()
  industry?: string;

  @Field(() => Region, { nullable: true })
  region?: Region;

  @Field(() => Int, { nullable: true })
  @Min(1)
  employees?: number | null;

  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  customerSince?: string | null;

  @Field(() => ID, { nullable: true })
  accountManagerId?: string | null;

  @Field(() => ID, { nullable: true })
  partnerId?: string | null;

  @Field(() => ContractInput, { nullable: true })
  @ValidateNested()
  contract?: ContractInput | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  @Max(1_000_000_000)
  loyaltyPoints?: number;
}
