import { Field, ID, InputType, ObjectType } from "type-graphql";
import { AccountPayload } from "../accounts/account.payloads";
import { withAccountReference } from "../accounts/account.references";
import { upsertTypes, withExternalId } from "../shared/bulk-upsert";
import { EmptyInput, withClientMutationId } from "../shared/mutation-payload";
import { OrderConnection, OrderEdge } from "./order.connection";
import { Order, OrderStatus } from "./order.entity";
import { OrderFields, PlaceOrderInput } from "./order.inputs";

@InputType({ description: "A new order for an account (orderPlace), with the client's mutation id" })
export class OrderPlaceInput extends withClientMutationId(PlaceOrderInput) {}

@InputType({ description: "The order to move along its lifecycle and where to (orderStatusUpdate)" })
export class OrderStatusUpdateInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The order to change" })
  orderId: string;

  @Field(() => OrderStatus, { description: "The status to move to; a step its lifecycle does not allow is refused as a CONFLICT" })
  status: OrderStatus;
}

@ObjectType({ description: "What orderPlace did: the new order, its edge in the account's orders and the account as reassessed, or why it refused" })
export class OrderPlacePayload extends AccountPayload {
  @Field(() => Order, { nullable: true, description: "The new order, PENDING" })
  order?: Order;

  @Field(() => OrderConnection.Edge, {
    nullable: true,
    description:
      "The new order's edge in Account.orders (and in orders) in their default order (newest first), to add it to a list the client shows (Relay's @prependEdge)",
  })
  orderEdge?: OrderEdge;
}

@ObjectType({ description: "What orderStatusUpdate did: the order as changed and its account as reassessed, or why it refused" })
export class OrderStatusUpdatePayload extends AccountPayload {
  @Field(() => Order, { nullable: true, description: "The order with its new status" })
  order?: Order;
}

@InputType({
  description:
    "One order of upsertOrders: a new order's fields with its lines, its account (by id or externalId), its status, and its id in the caller's system",
})
export class OrderUpsertItem extends withAccountReference(withExternalId(OrderFields)) {
  @Field(() => OrderStatus, {
    nullable: true,
    description:
      "Where the order stands: a new order takes it as given (PENDING when left out), e.g. DELIVERED for an order recorded afterwards; a stored order keeps its own when left out, and moves only to a status its legal steps reach (else CONFLICT)",
  })
  status?: OrderStatus | null;
}

export const OrderUpserts = upsertTypes(OrderUpsertItem, "Order", "Orders");
export type UpsertOrdersInput = InstanceType<typeof OrderUpserts.Input>;
export type UpsertOrdersPayload = InstanceType<typeof OrderUpserts.Payload>;
export type OrderUpsertResult = InstanceType<typeof OrderUpserts.Result>;
