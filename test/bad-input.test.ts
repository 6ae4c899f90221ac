import { randomUUID } from "node:crypto";
import { AccountSortField, AccountsPageDocument, OpenTicketDocument, OrdersPageDocument } from "./generated/graphql";
import { createAccount, createOrder, createPartner } from "./support/factories";
import { errorCodes, startTestApp, TestApp } from "./support/test-app";

/** Input PostgreSQL would refuse is the client's mistake: BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR. */
describe("input that matches its pattern but no column can hold", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A cursor as the server makes them, with values of the client's choosing. */
  function cursorOf(ordering: string, values: Array<string | number>): string {
    return Buffer.from(JSON.stringify({ o: ordering, v: values })).toString("base64url");
  }

  it.each<[AccountSortField, string | number, string]>([
    ["CUSTOMER_SINCE", "2024-99-99", "CUSTOMER_SINCE value is not a real date"],
    ["CUSTOMER_SINCE", "0000-01-01", "CUSTOMER_SINCE value is not a real date"],
    ["CREATED_AT", "2024-99-99T00:00:00Z", "CREATED_AT value is not a real time"],
    ["CREATED_AT", "2024-02-30T25:00:00Z", "CREATED_AT value is not a real time"],
    ["LOYALTY_POINTS", 99_999_999_999, "LOYALTY_POINTS value is not an integer from -2147483648 to 2147483647"],
    ["NAME", "Acme\u0000", "NAME value is not text without NUL characters"],
  ])("when an accounts cursor's %s is %j, then BAD_USER_INPUT names the cursor and says why", async (field, value, reason) => {
    const after = cursorOf(`${field}:ASC,ID:ASC`, [value, randomUUID()]);
    const result = await app.execute(AccountsPageDocument, { first: 1, after, orderBy: [{ field, direction: "ASC" }] });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("after");
    expect(result.errors![0].message).toContain(reason);
  });

  it("when an orders cursor carries a total beyond 32 bits, then it is a valid position (the column is a bigint)", async () => {
    const account = await createAccount(app.dataSource);
    await createOrder(app.dataSource, account.id);
    const before = cursorOf("TOTAL:ASC,ID:ASC", [99_999_999_999, randomUUID()]);
    const result = await app.execute(OrdersPageDocument, { last: 1, before, orderBy: [{ field: "TOTAL", direction: "ASC" }] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.orders.edges).toHaveLength(1);
  });

  it("when a search carries a NUL character in a variable, then BAD_USER_INPUT names the variable's field", async () => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(AccountsPageDocument, { first: 1, filter: { partnerId: partner.globalId, search: "Acme\u0000" } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("filter.search");
    expect(result.errors![0].message).toBe("filter.search: must not contain the NUL character (\\u0000)");
    expect(app.internalErrors).toEqual([]);
  });

  it("when a ticket's subject carries a NUL character in the document, then BAD_USER_INPUT names the argument's field and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    const document = `mutation { openTicket(input: { accountId: "${account.globalId}", subject: "Broken\\u0000", category: QUESTION, severity: LOW, channel: EMAIL }) { id } }`;
    const result = await app.executeText(document);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("input.subject");
    const [{ tickets }]: { tickets: number }[] = await app.dataSource.query("SELECT count(*)::int AS tickets FROM tickets WHERE account_id = $1", [account.id]);
    expect(tickets).toBe(0);
    expect(app.internalErrors).toEqual([]);
  });

  it("when a ticket's subject carries a NUL character in a variable, then BAD_USER_INPUT names it", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(OpenTicketDocument, {
      input: { accountId: account.globalId, subject: "Broken\u0000", category: "QUESTION", severity: "LOW", channel: "EMAIL" },
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("input.subject");
  });
});
