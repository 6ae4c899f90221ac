import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "../shared/money";

@Entity({ name: "order_lines" })
@ObjectType({ simpleResolvers: true, description: "A product bought in an order" })
export class OrderLine {
  @PrimaryColumn({ name: "order_id", type: "uuid" })
  orderId: string;

  @Field(() => Int, { description: "1 for the first line of the order" })
  @PrimaryColumn({ type: "smallint" })
  position: number;

  @Field()
  @Column({ type: "text" })
  product: string;

  @Field(() => Int)
  @Column({ type: "integer" })
  quantity: number;

  @Column({ name: "unit_price_minor", type: "bigint" })
  unitPriceMinor: number;

  /** Lines carry no currency of their own: an order's lines share its currency. */
  currency: string;

  @Field(() => Money)
  get unitPrice(): Money {
    return new Money(this.unitPriceMinor, this.currency);
  }

  @Field(() => Money, { description: "Quantity times unit price" })
  get amount(): Money {
    return new Money(this.unitPriceMinor * this.quantity, this.currency);
  }
}
