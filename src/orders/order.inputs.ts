import { ArrayMaxSize, ArrayMinSize, Length, Max, Min, ValidateNested } from "class-validator";
import { CurrencyScalar, DateTimeScalar } from "../shared/scalars";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { MoneyInput } from "../shared/money";
import { SortDirection } from "../shared/pagination/page-arguments";
import { DateTimeRange, MinorUnitsRange } from "../shared/ranges";
import { IsNotBlank } from "../shared/validators";
import { OrderChannel, OrderStatus } from "./order.entity";

@InputType({ description: "Orders matching every given condition" })
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true, description: "Any of these statuses" })
  status?: OrderStatus[] | null;

  @Field(() => DateTimeRange, { nullable: true, description: "Only the orders placed within these instants" })
  @ValidateNested()
  placedAt?: DateTimeRange | null;

  @Field(() => MinorUnitsRange, {
    nullable: true,
    description:
      "Only the orders whose total lies in this range, in minor units of the order's own currency (cents for EUR); give `currency` too to compare like with like",
  })
  @ValidateNested()
  total?: MinorUnitsRange | null;

  @Field(() => CurrencyScalar, { nullable: true, description: "Only the orders in this currency" })
  currency?: string | null;

  @Field(() => ID, { nullable: true, description: "Only the orders of this account" })
  accountId?: string | null;
}

export enum OrderSortField {
  PLACED_AT = "PLACED_AT",
  TOTAL = "TOTAL",
}
registerEnumType(OrderSortField, {
  name: "OrderSortField",
  description: "What a list of orders can be sorted by",
  valuesConfig: {
    PLACED_AT: { description: "When the order was placed" },
    TOTAL: { description: "The total in minor units, as a plain number: totals in different currencies are not converted" },
  },
});

@InputType({ description: "One sort key for a list of orders; later keys break the ties of earlier ones, and the id breaks the last ties" })
export class OrderSort {
  @Field(() => OrderSortField, { description: "What to sort by; a field may appear once in an orderBy" })
  field: OrderSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "Which way; ascending unless given" })
  direction: SortDirection;
}

@InputType({ description: "A product bought: what, how many, and at what price a unit" })
export class OrderLineInput {
  @Field({ description: "The product as sold, 1 to 200 characters, not blank; trimmed" })
  @Length(1, 200)
  @IsNotBlank()
  product: string;

  @Field(() => Int, { description: "Units bought, 1 to 1,000,000" })
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => MoneyInput, { description: "The price of one unit; every line of an order in the same currency" })
  @ValidateNested()
  unitPrice: MoneyInput;
}

/** The most lines an order may have: a query asking for an order's lines is costed at this many. */
export const maximumLinesPerOrder = 100;

/** An order's own fields, as a new order and an upsert item give them; each names the account its own way. */
@InputType()
export class OrderFields {
  @Field(() => OrderChannel, { description: "Where the order was placed" })
  channel: OrderChannel;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the order was placed, e.g. when recording an earlier one; now unless given; never in the future",
  })
  placedAt?: Date | null;

  @Field(() => [OrderLineInput], { description: `What was bought: 1 to ${maximumLinesPerOrder} lines, all in one currency, numbered in the order given` })
  @ArrayMinSize(1)
  @ArrayMaxSize(maximumLinesPerOrder)
  @ValidateNested()
  lines: OrderLineInput[];
}

@InputType({ description: "An order with its lines; the total is computed from them" })
export class PlaceOrderInput extends OrderFields {
  @Field(() => ID, { description: "The account that buys (an Account id)" })
  accountId: string;
}
