import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeScalar } from "../shared/scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Money } from "../shared/money";
import { Node } from "../shared/node";

export enum OrderStatus {
  PENDING = "pending",
  PAID = "paid",
  SHIPPED = "shipped",
  DELIVERED = "delivered",
  CANCELLED = "cancelled",
  RETURNED = "returned",
}
registerEnumType(OrderStatus, { name: "OrderStatus" });

export enum OrderChannel {
  WEB = "web",
  PHONE = "phone",
  EMAIL = "email",
  SALES_REP = "sales_rep",
  PARTNER = "partner",
  STORE = "store",
}
registerEnumType(OrderChannel, { name: "OrderChannel" });

@Entity({ name: "orders" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "What an account bought" })
export class Order implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id" })
  get globalId(): string {
    return encodeGlobalId("Order", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Field(() => DateTimeScalar)
  @Column({ name: "placed_at", type: "timestamptz", precision: 3, default: () => "now()" })
  placedAt: Date;

  @Field(() => OrderStatus)
  @Column({ type: "text" })
  status: OrderStatus;

  @Field(() => OrderChannel)
  @Column({ type: "text" })
  channel: OrderChannel;

  @Column({ type: "char", length: 3 })
  currency: string;

  @Column({ name: "total_minor", type: "bigint" })
  totalMinor: number;

  @Field(() => Money, { description: "The sum of the lines, computed when the order is placed" })
  get total(): Money {
    return new Money(this.totalMinor, this.currency);
  }

  @Field(() => DateTimeScalar)
  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;
}
