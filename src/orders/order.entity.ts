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
registerEnumType(OrderStatus, {
  name: "OrderStatus",
  description:
    "Where an order is in its life: PENDING, PAID, SHIPPED, DELIVERED; it may be CANCELLED before it ships and RETURNED once shipped. CANCELLED and RETURNED are final",
  valuesConfig: {
    PENDING: { description: "Placed, not paid yet; every order starts here. May become PAID or CANCELLED" },
    PAID: { description: "Paid, not shipped yet. May become SHIPPED or CANCELLED" },
    SHIPPED: { description: "On its way to the customer. May become DELIVERED or RETURNED" },
    DELIVERED: { description: "Received by the customer. May still be RETURNED" },
    CANCELLED: { description: "Called off before shipping; final. Counts neither as revenue nor as an order for the policies" },
    RETURNED: { description: "Sent back after shipping; final. Not revenue; counts toward the return rate" },
  },
});

export enum OrderChannel {
  WEB = "web",
  PHONE = "phone",
  EMAIL = "email",
  SALES_REP = "sales_rep",
  PARTNER = "partner",
  STORE = "store",
}
registerEnumType(OrderChannel, {
  name: "OrderChannel",
  description: "Where an order was placed",
  valuesConfig: {
    WEB: { description: "Our online shop" },
    PHONE: { description: "Taken over the phone" },
    EMAIL: { description: "Sent to us by email" },
    SALES_REP: { description: "Taken by one of our sales representatives" },
    PARTNER: { description: "Placed through the account's partner" },
    STORE: { description: "Bought in a store" },
  },
});

@Entity({ name: "orders" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "What an account bought" })
export class Order implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the order again with node(id)" })
  get globalId(): string {
    return encodeGlobalId("Order", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Field(() => DateTimeScalar, { description: "When the order was placed; never in the future" })
  @Column({ name: "placed_at", type: "timestamptz", precision: 3, default: () => "now()" })
  placedAt: Date;

  @Field(() => OrderStatus, { description: "Where the order is in its life" })
  @Column({ type: "text" })
  status: OrderStatus;

  @Field(() => OrderChannel, { description: "Where the order was placed" })
  @Column({ type: "text" })
  channel: OrderChannel;

  @Column({ type: "char", length: 3 })
  currency: string;

  @Column({ name: "total_minor", type: "bigint" })
  totalMinor: number;

  @Field(() => Money, { description: "The sum of the lines' amounts in the order's one currency, computed when the order is placed" })
  get total(): Money {
    return new Money(this.totalMinor, this.currency);
  }

  @Field(() => DateTimeScalar, { description: "When the order last changed: placed, or moved to its current status" })
  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;

  /** The record's id in the system that upserted it; see externalIdOwner. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  /** Whose id externalId is: the partner whose key upserted the record, or null for staff keys (one shared set). */
  @Column({ name: "external_id_owner", type: "uuid", nullable: true })
  externalIdOwner: string | null;
}
