import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "../shared/money";

@Entity({ name: "order_lines" })
@ObjectType({ simpleResolvers: true, description: "A product bought in an order, with its quantity and price in the order's currency" })
export class OrderLine {
  @PrimaryColumn({ name: "order_id", type: "uuid" })
  orderId: string;

  @Field(() => Int, { description: "1 for the first line of the order" })
  @PrimaryColumn({ type: "smallint" })
  position: number;

  @Field({ description: "The product as sold, 1 to 200 characters" })
  @Column({ type: "text" })
  product: string;

  @Field(() => Int, { description: "Units bought, 1 to 1,000,000" })
  @Column({ type: "integer" })
  quantity: number;

  @Column({ name: "unit_price_minor", type: "bigint" })
  unitPriceMinor: number;

  /** Lines carry no currency of their own: an order's lines share its currency. */
  currency: string;

  @Field(() => Money, { description: "The price of one unit" })
  get unitPrice(): Money {
    return new Money(this.unitPriceMinor, this.currency);
  }

  @Field(() => Money, { description: "Quantity times unit price, exactly" })
  get amount(): Money {
    return new Money(this.unitPriceMinor * this.quantity, this.currency);
  }
}
