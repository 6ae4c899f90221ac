import { Ticket } from "../../src/tickets/ticket.entity";
import {
  AccountExternalIdDocument,
  ContactUpsertItem,
  OrderUpsertItem,
  TicketUpsertItem,
  UpsertAccountsDocument,
  UpsertContactsDocument,
  UpsertOrdersDocument,
  UpsertTicketsDocument,
} from "../generated/graphql";
import { createAccount, createPartner, uniqueTag } from "../support/factories";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";

const contactItem = (externalId: string, accountExternalId: string, overrides: Partial<ContactUpsertItem> = {}): ContactUpsertItem => ({
  externalId,
  accountExternalId,
  firstName: "Grace",
  lastName: `Hopper ${externalId}`,
  role: "BUYER",
  email: `${externalId}@example.com`,
  ...overrides,
});

const orderItem = (externalId: string, accountExternalId: string, overrides: Partial<OrderUpsertItem> = {}): OrderUpsertItem => ({
  externalId,
  accountExternalId,
  channel: "WEB",
  placedAt: "2025-06-01T10:00:00.000Z",
  lines: [{ product: "Widget", quantity: 2, unitPrice: { amount: "10.50", currency: "EUR" } }],
  ...overrides,
});

const ticketItem = (externalId: string, accountExternalId: string, overrides: Partial<TicketUpsertItem> = {}): TicketUpsertItem => ({
  externalId,
  accountExternalId,
  subject: "The widget squeaks",
  category: "INCIDENT",
  severity: "HIGH",
  channel: "EMAIL",
  ...overrides,
});

describe("upsertContacts, upsertOrders and upsertTickets: records keyed by the caller's ids, accounts named by theirs", () => {
  let app: TestApp;
  let tag: string;
  let accountExternalId: string;
  let accountId: string;
  beforeAll(async () => {
    app = await startTestApp();
    tag = uniqueTag();
    accountExternalId = `erp-${tag}`;
    const accounts = await app.execute(UpsertAccountsDocument, {
      input: { items: [{ externalId: accountExternalId, name: `Related ${tag}`, industry: "Retail", region: "EUROPE", status: "ACTIVE" }] },
    });
    accountId = accounts.data!.upsertAccounts!.results![0].node.id;
  });
  afterAll(() => app.close());

  test("when contacts name their account by its external id, then they are created there; the second primary unsets the first; resent they are UNCHANGED", async () => {
    const items = [contactItem(`c-${tag}-1`, accountExternalId, { isPrimary: true }), contactItem(`c-${tag}-2`, accountExternalId, { isPrimary: true })];
    const first = await app.execute(UpsertContactsDocument, { input: { items } });
    expect(first.data!.upsertContacts!.userErrors).toEqual([]);
    expect(first.data!.upsertContacts!.results!.map((result) => [result.outcome, result.node.account.id, result.node.isPrimary])).toEqual([
      ["CREATED", accountId, false],
      ["CREATED", accountId, true],
    ]);
    const again = await app.execute(UpsertContactsDocument, { input: { items: [{ ...items[1] }] } });
    expect(again.data!.upsertContacts!.results!.map((result) => result.outcome)).toEqual(["UNCHANGED"]);
  });

  test("when a contact names an unknown account, or a stored contact another account, then those items are refused with their indexes and nothing is written", async () => {
    const other = await createAccount(app.dataSource);
    await app.execute(UpsertContactsDocument, { input: { items: [contactItem(`move-${tag}`, accountExternalId)] } });
    const result = await app.execute(UpsertContactsDocument, {
      input: {
        items: [
          contactItem(`fresh-${tag}`, accountExternalId),
          contactItem(`ghost-${tag}`, `no-such-${tag}`),
          { ...contactItem(`move-${tag}`, accountExternalId), accountExternalId: null, accountId: other.globalId },
          { ...contactItem(`both-${tag}`, accountExternalId), accountId: other.globalId },
        ],
      },
    });
    expect(result.data!.upsertContacts!.results).toBeNull();
    expect(result.data!.upsertContacts!.userErrors.map(({ index, field, code, reason }) => ({ index, field: field?.join("."), code, reason }))).toEqual([
      { index: 1, field: "input.items.1.accountExternalId", code: "NOT_FOUND", reason: null },
      { index: 2, field: "input.items.2.accountId", code: "CONFLICT", reason: "ACCOUNT_CHANGED" },
      { index: 3, field: "input.items.3.accountId", code: "BAD_USER_INPUT", reason: null },
    ]);
  });

  test("when orders are upserted, then a past order may arrive DELIVERED, changed lines replace the stored ones, and a status no legal steps reach is a CONFLICT", async () => {
    const created = await app.execute(UpsertOrdersDocument, { input: { items: [orderItem(`o-${tag}`, accountExternalId, { status: "PAID" })] } });
    expect(created.data!.upsertOrders!.results![0]).toMatchObject({
      outcome: "CREATED",
      node: { status: "PAID", externalId: `o-${tag}`, total: { amount: "21.00", currency: "EUR" } },
    });
    const lines = [
      { product: "Widget", quantity: 3, unitPrice: { amount: "10.50", currency: "EUR" } },
      { product: "Gadget", quantity: 1, unitPrice: { amount: "5.00", currency: "EUR" } },
    ];
    const updated = await app.execute(UpsertOrdersDocument, { input: { items: [orderItem(`o-${tag}`, accountExternalId, { status: "DELIVERED", lines })] } });
    expect(updated.data!.upsertOrders!.results![0]).toMatchObject({
      outcome: "UPDATED",
      node: {
        status: "DELIVERED",
        total: { amount: "36.50" },
        lines: [
          { product: "Widget", quantity: 3 },
          { product: "Gadget", quantity: 1 },
        ],
      },
    });
    const same = await app.execute(UpsertOrdersDocument, { input: { items: [orderItem(`o-${tag}`, accountExternalId, { lines })] } });
    expect(same.data!.upsertOrders!.results![0].outcome).toBe("UNCHANGED");
    const backwards = await app.execute(UpsertOrdersDocument, { input: { items: [orderItem(`o-${tag}`, accountExternalId, { status: "PENDING", lines })] } });
    expect(backwards.data!.upsertOrders!.userErrors).toMatchObject([
      { index: 0, field: ["input", "items", "0", "status"], code: "CONFLICT", reason: "ILLEGAL_STATUS_TRANSITION" },
    ]);
  });

  test("when an order's price names its currency in small letters, then the request is refused as BAD_USER_INPUT naming the value, not failed by the database", async () => {
    const lines = [{ product: "Widget", quantity: 1, unitPrice: { amount: "1.00", currency: "eur" } }];
    const result = await app.execute(UpsertOrdersDocument, { input: { items: [orderItem(`lower-${tag}`, accountExternalId, { lines })] } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].message).toMatch(/not a currency code in capitals: eur/);
  });

  test("when a partner upserts tickets and contacts for its own account, then they are written in its own set of ids, and another partner's account is NOT_FOUND", async () => {
    const partner = await createPartner(app.dataSource);
    const stranger = await createPartner(app.dataSource);
    const own = `own-${tag}`;
    const theirs = `theirs-${tag}`;
    await app.execute(UpsertAccountsDocument, {
      input: {
        items: [
          { externalId: own, name: `Own ${tag}`, industry: "Retail", region: "EUROPE", partnerId: partner.globalId },
          { externalId: theirs, name: `Theirs ${tag}`, industry: "Retail", region: "EUROPE", partnerId: stranger.globalId },
        ],
      },
    });
    const caller = partnerCaller(partner);
    const contacts = await app.execute(UpsertContactsDocument, { input: { items: [contactItem(`pc-${tag}`, own)] } }, caller);
    expect(contacts.data!.upsertContacts!.results![0]).toMatchObject({ outcome: "CREATED", node: { externalId: `pc-${tag}` } });
    const tickets = await app.execute(
      UpsertTicketsDocument,
      { input: { items: [ticketItem(`t-${tag}`, own, { contactExternalId: `pc-${tag}` }), ticketItem(`t2-${tag}`, theirs)] } },
      caller,
    );
    expect(tickets.data!.upsertTickets!.userErrors).toMatchObject([{ index: 1, field: ["input", "items", "1", "accountExternalId"], code: "NOT_FOUND" }]);
    const opened = await app.execute(UpsertTicketsDocument, { input: { items: [ticketItem(`t-${tag}`, own, { contactExternalId: `pc-${tag}` })] } }, caller);
    const ticket = opened.data!.upsertTickets!.results![0];
    expect(ticket).toMatchObject({
      outcome: "CREATED",
      node: { status: "OPEN", externalId: `t-${tag}`, contact: { id: contacts.data!.upsertContacts!.results![0].node.id } },
    });
    expect(ticket.node.servicePriority).not.toBeNull();
    // The staff's own set is another: the same id creates another ticket, and staff see both ids, the partner its own only.
    const staffs = await app.execute(UpsertTicketsDocument, { input: { items: [ticketItem(`t-${tag}`, own)] } });
    expect(staffs.data!.upsertTickets!.results![0].outcome).toBe("CREATED");
    expect(await app.dataSource.getRepository(Ticket).countBy({ externalId: `t-${tag}` })).toBe(2);
    // The account's id is the staff's: the partner does not see it.
    const ownAccountId = contacts.data!.upsertContacts!.results![0].node.account.id;
    const seenByPartner = await app.execute(AccountExternalIdDocument, { id: ownAccountId }, caller);
    expect(seenByPartner.data!.account).toEqual({ id: ownAccountId, externalId: null });
    const seenByStaff = await app.execute(AccountExternalIdDocument, { id: ownAccountId });
    expect(seenByStaff.data!.account).toEqual({ id: ownAccountId, externalId: own });
  });
});
