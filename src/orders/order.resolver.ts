import { listOfAtMost } from "../access/query-cost";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Account } from "../accounts/account.entity";
import { OrderRequest } from "./order.context";
import { payloadOf } from "../shared/mutation-payload";
import { PageArguments } from "../shared/pagination/page-arguments";
import { OrderLine } from "./order-line.entity";
import { Order, OrderStatus } from "./order.entity";
import { maximumLinesPerOrder, OrderFilter, OrderSort, PlaceOrderInput } from "./order.inputs";
import { findOrders, placeOrder, updateOrderStatus } from "./order.service";
import { OrderConnection, orderEdgeOf } from "./order.connection";
import {
  OrderPlaceInput,
  OrderPlacePayload,
  OrderStatusUpdateInput,
  OrderStatusUpdatePayload,
  OrderUpserts,
  OrderUpsertResult,
  UpsertOrdersInput,
  UpsertOrdersPayload,
} from "./order.payloads";
import { upsertOrders } from "./order.upsert";
import { upsertPayloadOf } from "../shared/bulk-upsert";
import { onePerUpsertItem } from "../access/query-cost";
import { externalIdDescription, externalIdSeenBy } from "../shared/external-id";

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => OrderConnection, {
    description: "The orders of the accounts the caller may see (a partner's key: its own accounts'), filtered and sorted, a page at a time",
  })
  async orders(
    @Args() page: PageArguments,
    @Arg("filter", () => OrderFilter, { nullable: true, description: "Only the orders that meet every condition given" }) filter: OrderFilter | null,
    @Arg("orderBy", () => [OrderSort], { nullable: true, description: "Default: PLACED_AT descending; ties broken by id" })
    orderBy: OrderSort[] | null,
    @Ctx() context: OrderRequest,
  ): Promise<OrderConnection> {
    return new OrderConnection(await findOrders(context.scope, { filter, orderBy, page }));
  }

  @FieldResolver(() => [OrderLine], {
    complexity: listOfAtMost(maximumLinesPerOrder),
    description: `What was bought, 1 to ${maximumLinesPerOrder} lines in position order; costs as ${maximumLinesPerOrder} lines in a query's budget`,
  })
  async lines(@Root() order: Order, @Ctx() context: OrderRequest): Promise<OrderLine[]> {
    const lines = await context.loaders.linesOfOrder.load(order.id);
    for (const line of lines) line.currency = order.currency;
    return lines;
  }

  @FieldResolver(() => Account, { description: "The account that bought" })
  async account(@Root() order: Order, @Ctx() context: OrderRequest): Promise<Account> {
    return context.loaders.accountById.load(order.accountId) as Promise<Account>;
  }

  @Mutation(() => Order, {
    description:
      "Places an order for an account, PENDING; its total is the sum of its lines. The account's policies are re-evaluated in the same transaction. Internal keys only",
    deprecationReason: "Use orderPlace: one input, a nullable payload with the order's edge, its account and userErrors",
  })
  placeOrder(
    @Arg("input", () => PlaceOrderInput, { description: "The order and its lines" }) input: PlaceOrderInput,
    @Ctx() context: OrderRequest,
  ): Promise<Order> {
    return placeOrder(context.scope, context.accountPolicies, input);
  }

  @Mutation(() => Order, {
    description: "Moves an order along its life (see OrderStatus); a step its status does not allow is a CONFLICT. Internal keys only",
    deprecationReason: "Use orderStatusUpdate: the id and status inside its one input, a nullable payload with userErrors",
  })
  updateOrderStatus(
    @Arg("id", () => ID, { description: "The Order id" }) id: string,
    @Arg("status", () => OrderStatus, { description: "The status to move to" }) status: OrderStatus,
    @Ctx() context: OrderRequest,
  ): Promise<Order> {
    return updateOrderStatus(context.scope, context.accountPolicies, id, status);
  }

  @FieldResolver(() => String, { nullable: true, description: externalIdDescription })
  externalId(@Root() order: Order, @Ctx() context: OrderRequest): string | null {
    return externalIdSeenBy(order, context.scope.partnerId);
  }

  @Mutation(() => OrderUpserts.Payload, {
    nullable: true,
    complexity: onePerUpsertItem,
    description:
      "Creates or updates orders with their lines by their externalId, all in one transaction: one refused item refuses the request, with every refusal in userErrors. Each account with a created or updated order is re-evaluated once. Internal keys only",
  })
  upsertOrders(
    @Arg("input", () => OrderUpserts.Input, { validate: false, description: "The orders, and the client's mutation id" }) input: UpsertOrdersInput,
    @Ctx() context: OrderRequest,
  ): Promise<UpsertOrdersPayload> {
    return upsertPayloadOf(context, input, () => upsertOrders(context.scope, context.accountPolicies, input.items));
  }

  @Mutation(() => OrderPlacePayload, {
    nullable: true,
    description:
      "Places an order for an account, PENDING; its total is the sum of its lines. The account's policies are re-evaluated in the same transaction; refusals come back in userErrors. Internal keys only",
  })
  orderPlace(
    @Arg("input", () => OrderPlaceInput, { validate: false, description: "The order and its lines, and the client's mutation id" }) input: OrderPlaceInput,
    @Ctx() context: OrderRequest,
  ): Promise<OrderPlacePayload> {
    return payloadOf(context, input, async () => {
      const order = await placeOrder(context.scope, context.accountPolicies, input);
      return { order, orderEdge: orderEdgeOf(order), accountId: order.accountId };
    });
  }

  @Mutation(() => OrderStatusUpdatePayload, {
    nullable: true,
    description:
      "Moves an order along its life (see OrderStatus) and re-evaluates its account's policies; a step its status does not allow is a CONFLICT in userErrors. Internal keys only",
  })
  orderStatusUpdate(
    @Arg("input", () => OrderStatusUpdateInput, { validate: false, description: "The order, its new status, and the client's mutation id" })
    input: OrderStatusUpdateInput,
    @Ctx() context: OrderRequest,
  ): Promise<OrderStatusUpdatePayload> {
    return payloadOf(
      context,
      input,
      async () => {
        const order = await updateOrderStatus(context.scope, context.accountPolicies, input.orderId, input.status);
        return { order, accountId: order.accountId };
      },
      { id: "orderId" },
    );
  }
}

@Resolver(() => Account)
export class AccountOrdersResolver {
  @FieldResolver(() => OrderConnection, { description: "The account's orders; default newest first" })
  async orders(
    @Root() account: Account,
    @Args() page: PageArguments,
    @Arg("filter", () => OrderFilter, { nullable: true, description: "Only the orders that meet every condition given" }) filter: OrderFilter | null,
    @Arg("orderBy", () => [OrderSort], { nullable: true, description: "Default: PLACED_AT descending; ties broken by id" }) orderBy: OrderSort[] | null,
    @Ctx() context: OrderRequest,
  ): Promise<OrderConnection> {
    const pageOfAccount = await context.loaders.orderPagesOfAccount({ filter, orderBy, page }).load(account.id);
    return new OrderConnection(pageOfAccount);
  }
}

/** The `node` of each upsertOrders result, read after the writes through the request's (fresh) loaders. */
@Resolver(() => OrderUpserts.Result)
export class OrderUpsertResultResolver {
  @FieldResolver(() => Order, { complexity: 0, description: "The order as the upsert left it" })
  async node(@Root() result: OrderUpsertResult, @Ctx() context: OrderRequest): Promise<Order> {
    const order = await context.loaders.orderById.load(result.id);
    if (!order) throw new Error(`upserted order ${result.id} is not visible to its own request`);
    return order;
  }
}
