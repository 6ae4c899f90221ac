import { OrderLine } from "../../src/orders/order-line.entity";
import { Order } from "../../src/orders/order.entity";
import { OrdersPageDocument, PlaceOrderDocument, RecentOrdersOfAccountsDocument, UpdateOrderStatusDocument } from "../generated/graphql";
import { createAccount, createOrder, createPartner } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("orders", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset, 12));

  describe("lists and filters", () => {
    it("when filtering by status, placedAt range and total range, then only matching orders of the account come back", async () => {
      const account = await createAccount(app.dataSource);
      await createOrder(app.dataSource, account.id, { placedAt: day(1), status: "paid" as Order["status"] }, [
        { product: "A", quantity: 1, unitPriceMinor: 1000 },
      ]);
      const match = await createOrder(app.dataSource, account.id, { placedAt: day(5), status: "paid" as Order["status"] }, [
        { product: "B", quantity: 3, unitPriceMinor: 1000 },
      ]);
      await createOrder(app.dataSource, account.id, { placedAt: day(6), status: "cancelled" as Order["status"] }, [
        { product: "C", quantity: 3, unitPriceMinor: 1000 },
      ]);
      await createOrder(app.dataSource, account.id, { placedAt: day(7), status: "paid" as Order["status"] }, [
        { product: "D", quantity: 9, unitPriceMinor: 1000 },
      ]);

      const result = await app.execute(OrdersPageDocument, {
        filter: {
          accountId: account.globalId,
          status: ["PAID"],
          placedAt: { from: day(2).toISOString(), to: day(8).toISOString() },
          total: { min: 2000, max: 5000 },
        },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.orders.edges.map((edge) => edge.node.id)).toEqual([match.globalId]);
      expect(result.data!.orders.edges[0].node.total).toEqual({ amount: "30.00", minorUnits: 3000, currency: "EUR" });
    });

    it("when ordering by total ascending and paging backward, then pages join up without gaps", async () => {
      const account = await createAccount(app.dataSource);
      for (let index = 0; index < 7; index++) {
        await createOrder(app.dataSource, account.id, { placedAt: day(index) }, [{ product: "P", quantity: 1, unitPriceMinor: 100 * (index % 3) }]);
      }
      const filter = { accountId: account.globalId };
      const orderBy = [{ field: "TOTAL" as const, direction: "ASC" as const }];
      const all = await app.execute(OrdersPageDocument, { filter, orderBy, first: 7 });
      const last = await app.execute(OrdersPageDocument, { filter, orderBy, last: 4 });
      const before = await app.execute(OrdersPageDocument, { filter, orderBy, last: 4, before: last.data!.orders.pageInfo.startCursor });
      const ids = (result: typeof all) => result.data!.orders.edges.map((edge) => edge.node.id);
      expect([...ids(before), ...ids(last)]).toEqual(ids(all));
      expect(before.data!.orders.pageInfo.hasPreviousPage).toBe(false);
      expect(last.data!.orders.pageInfo.hasPreviousPage).toBe(true);
    });

    it("when a range is reversed, then BAD_USER_INPUT names the filter field", async () => {
      const result = await app.execute(OrdersPageDocument, { filter: { total: { min: 10, max: 5 } } });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe("filter.total");
    });
  });

  describe("per-account limits", () => {
    it("when asking the last 3 orders of several accounts, then each account gets its own 3 newest", async () => {
      const partner = await createPartner(app.dataSource);
      const busy = await createAccount(app.dataSource, { name: "Busy", partnerId: partner.id });
      const quiet = await createAccount(app.dataSource, { name: "Quiet", partnerId: partner.id });
      for (let index = 0; index < 6; index++) await createOrder(app.dataSource, busy.id, { placedAt: day(index) });
      await createOrder(app.dataSource, quiet.id, { placedAt: day(0) });

      const result = await app.execute(RecentOrdersOfAccountsDocument, { filter: { partnerId: partner.globalId }, ordersPerAccount: 3 });
      const [busyNode, quietNode] = result.data!.accounts.edges.map((edge) => edge.node);
      expect(busyNode.orders.edges.map((edge) => edge.node.placedAt)).toEqual([day(5), day(4), day(3)].map((date) => date.toISOString()));
      expect(busyNode.orders.totalCount).toBe(6);
      expect(busyNode.orders.pageInfo.hasNextPage).toBe(true);
      expect(quietNode.orders.edges).toHaveLength(1);
      expect(quietNode.orders.pageInfo.hasNextPage).toBe(false);
      expect(busyNode.orders.edges[0].node.lines).toEqual([{ position: 1, product: "Widget", quantity: 2, unitPrice: { amount: "12.50", currency: "EUR" } }]);
    });
  });

  describe("placeOrder", () => {
    it("when the lines are valid, then the order is pending with the exact total of its lines", async () => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(PlaceOrderDocument, {
        input: {
          accountId: account.globalId,
          channel: "WEB",
          lines: [
            { product: "Licence", quantity: 3, unitPrice: { amount: "19.99", currency: "EUR" } },
            { product: "Support", quantity: 1, unitPrice: { amount: "0.10", currency: "EUR" } },
          ],
        },
      });
      expect(result.errors).toBeUndefined();
      const order = result.data!.placeOrder;
      expect(order.status).toBe("PENDING");
      expect(order.total).toEqual({ amount: "60.07", minorUnits: 6007, currency: "EUR" });
      expect(order.lines.map((line) => line.amount.amount)).toEqual(["59.97", "0.10"]);
      expect(order.account.id).toBe(account.globalId);
    });

    it.each([
      ["a line with zero quantity", { quantity: 0 }, "input.lines[0].quantity"],
      ["an amount with too many decimals", { unitPrice: { amount: "1.999", currency: "EUR" } }, "input.lines[0].unitPrice.amount"],
      ["a negative amount", { unitPrice: { amount: "-1.00", currency: "EUR" } }, "input.lines[0].unitPrice.amount"],
    ])("when the order has %s, then BAD_USER_INPUT names the field and nothing is written", async (_, override, field) => {
      const account = await createAccount(app.dataSource);
      const line = { product: "Licence", quantity: 1, unitPrice: { amount: "5.00", currency: "EUR" }, ...override };
      const result = await app.execute(PlaceOrderDocument, { input: { accountId: account.globalId, channel: "WEB", lines: [line] } });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe(field);
      expect(await app.dataSource.getRepository(Order).countBy({ accountId: account.id })).toBe(0);
    });

    it("when lines mix currencies, then BAD_USER_INPUT names the second line's currency", async () => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(PlaceOrderDocument, {
        input: {
          accountId: account.globalId,
          channel: "PHONE",
          lines: [
            { product: "A", quantity: 1, unitPrice: { amount: "1.00", currency: "EUR" } },
            { product: "B", quantity: 1, unitPrice: { amount: "1.00", currency: "USD" } },
          ],
        },
      });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe("input.lines[1].unitPrice.currency");
    });

    it("when the account does not exist, then NOT_FOUND names input.accountId and no line is written", async () => {
      const account = await createAccount(app.dataSource);
      const missingId = account.globalId.replace(/.$/, "");
      const ghost = Buffer.from(`Account:00000000-0000-4000-8000-000000000000`).toString("base64");
      const linesBefore = await app.dataSource.getRepository(OrderLine).count();
      const result = await app.execute(PlaceOrderDocument, {
        input: { accountId: ghost, channel: "WEB", lines: [{ product: "A", quantity: 1, unitPrice: { amount: "1.00", currency: "EUR" } }] },
      });
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
      expect(result.errors![0].extensions?.field).toBe("input.accountId");
      expect(await app.dataSource.getRepository(OrderLine).count()).toBe(linesBefore);
      const malformed = await app.execute(PlaceOrderDocument, {
        input: { accountId: missingId, channel: "WEB", lines: [{ product: "A", quantity: 1, unitPrice: { amount: "1.00", currency: "EUR" } }] },
      });
      expect(errorCodes(malformed)).toEqual(["BAD_USER_INPUT"]);
    });

    it("when placedAt lies in the future, then BAD_USER_INPUT names input.placedAt", async () => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(PlaceOrderDocument, {
        input: {
          accountId: account.globalId,
          channel: "WEB",
          placedAt: new Date(Date.now() + 86_400_000).toISOString(),
          lines: [{ product: "A", quantity: 1, unitPrice: { amount: "1.00", currency: "EUR" } }],
        },
      });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe("input.placedAt");
    });
  });

  describe("updateOrderStatus", () => {
    it("when an order is paid, shipped and delivered in turn, then each step is taken", async () => {
      const account = await createAccount(app.dataSource);
      const order = await createOrder(app.dataSource, account.id, { status: "pending" as Order["status"] });
      for (const status of ["PAID", "SHIPPED", "DELIVERED", "RETURNED"] as const) {
        const result = await app.execute(UpdateOrderStatusDocument, { id: order.globalId, status });
        expect(result.data?.updateOrderStatus.status).toBe(status);
      }
    });

    it("when a step is illegal, then CONFLICT and the status is unchanged", async () => {
      const account = await createAccount(app.dataSource);
      const order = await createOrder(app.dataSource, account.id, { status: "cancelled" as Order["status"] });
      const result = await app.execute(UpdateOrderStatusDocument, { id: order.globalId, status: "SHIPPED" });
      expect(errorCodes(result)).toEqual(["CONFLICT"]);
      expect(result.errors![0].extensions?.reason).toBe("ILLEGAL_STATUS_TRANSITION");
      expect((await app.dataSource.getRepository(Order).findOneByOrFail({ id: order.id })).status).toBe("cancelled");
    });

    it("when the order does not exist, then NOT_FOUND", async () => {
      const ghost = Buffer.from(`Order:00000000-0000-4000-8000-000000000000`).toString("base64");
      const result = await app.execute(UpdateOrderStatusDocument, { id: ghost, status: "PAID" });
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    });
  });
});
