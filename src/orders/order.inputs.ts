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

  @Field(() => DateTimeRange, { nullable: true })
  @ValidateNested()
  placedAt?: DateTimeRange | null;

  @Field(() => MinorUnitsRange, { nullable: true, description: "Order total in minor units (cents)" })
  @ValidateNested()
  total?: MinorUnitsRange | null;

  @Field(() => CurrencyScalar, { nullable: true })
  currency?: string | null;

  @Field(() => ID, { nullable: true, description: "Only the orders of this account" })
  accountId?: string | null;
}

export enum OrderSortField {
  PLACED_AT = "PLACED_AT",
  TOTAL = "TOTAL",
}
registerEnumType(OrderSortField, { name: "OrderSortField" });

@InputType()
export class OrderSort {
  @Field(() => OrderSortField)
  field: OrderSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType()
export class OrderLineInput {
  @Field()
  @Length(1, 200)
  @IsNotBlank()
  product: string;

  @Field(() => Int)
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => MoneyInput)
  @ValidateNested()
  unitPrice: MoneyInput;
}

/** The most lines an order may have: a query asking for an order's lines is costed at this many. */
export const maximumLinesPerOrder = 100;

@InputType({ description: "An order with its lines; the total is computed from them" })
export class PlaceOrderInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => OrderChannel)
  channel: OrderChannel;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the order was placed; default now, never in the future" })
  placedAt?: Date | null;

  @Field(() => [OrderLineInput], { description: `1 to ${maximumLinesPerOrder} lines, all in one currency` })
  @ArrayMinSize(1)
  @ArrayMaxSize(maximumLinesPerOrder)
  @ValidateNested()
  lines: OrderLineInput[];
}
