import { createAccount, createOrder, createTicket } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("page arguments of lists inside lists", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const account = await createAccount(app.dataSource);
    await createOrder(app.dataSource, account.id);
    await createTicket(app.dataSource, account.id);
  });
  afterAll(() => app.close());

  test.each([
    ["orders with both first and last", "{ accounts(first: 2) { nodes { orders(first: 2, last: 2) { nodes { id } } } } }", "first"],
    ["tickets with both first and last", "{ accounts(first: 2) { nodes { tickets(first: 2, last: 2) { nodes { id } } } } }", "first"],
    [
      "orders ordered by one field twice",
      "{ accounts(first: 2) { nodes { orders(orderBy: [{ field: TOTAL }, { field: TOTAL }]) { nodes { id } } } } }",
      "orderBy[1].field",
    ],
    ["contacts with a page of 101", "{ accounts(first: 2) { nodes { contacts(first: 101) { nodes { id } } } } }", "first"],
  ])("when an account list asks for %s, then BAD_USER_INPUT names the argument (not an internal error)", async (_case, query, field) => {
    const result = await app.executeText(query);
    expect(new Set(errorCodes(result))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(result.errors?.[0].extensions?.field).toBe(field);
  });
});
