import { Account } from "../../src/accounts/account.entity";
import { Contact } from "../../src/contacts/contact.entity";
import { Order } from "../../src/orders/order.entity";
import {
  AccountContactsAfterDocument,
  AccountCreateDocument,
  AccountCreateInput,
  AccountOrdersAfterDocument,
  AccountsNamedDocument,
  AccountUpdateDocument,
  ContactCreateDocument,
  ContactCreateInput,
  ContactUpdateDocument,
  OrderPlaceDocument,
  OrderPlaceInput,
  OrderStatusUpdateDocument,
  PartnerAgreementChangeDocument,
} from "../generated/graphql";
import { createAccount, createContact, createOrder, createPartner, uniqueTag } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { stringMatching } from "../support/matchers";

const ghostId = (typeName: string) => Buffer.from(`${typeName}:00000000-0000-4000-8000-000000000000`).toString("base64");

describe("payload mutations: accounts, contacts, orders, partners", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe("accountCreate and accountUpdate", () => {
    test("when an account is created, then its edge sits between its neighbours by name, and the list continues after the edge's cursor", async () => {
      const tag = uniqueTag();
      await createAccount(app.dataSource, { name: `Payload ${tag} A` });
      const last = await createAccount(app.dataSource, { name: `Payload ${tag} C` });
      const result = await app.execute(AccountCreateDocument, {
        input: { name: `  Payload ${tag} B `, industry: "Retail", region: "EUROPE", clientMutationId: "create-b" },
      });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.accountCreate!;
      expect(payload).toMatchObject({ clientMutationId: "create-b", userErrors: [], account: { name: `Payload ${tag} B`, status: "PROSPECT" } });
      expect(payload.account!.assessment).not.toBeNull();
      expect(payload.accountEdge!.node).toEqual({ id: payload.account!.id, name: `Payload ${tag} B` });
      const listed = await app.execute(AccountsNamedDocument, { search: `Payload ${tag}` });
      expect(listed.data!.accounts.edges[1]).toEqual(payload.accountEdge);
      const after = await app.execute(AccountsNamedDocument, { search: `Payload ${tag}`, after: payload.accountEdge!.cursor });
      expect(after.data!.accounts.edges.map((edge) => edge.node.id)).toEqual([last.globalId]);
    });

    test.each([
      ["an empty name (the input's own rules)", { name: "" }, ["input", "name"], "BAD_USER_INPUT", null],
      ["a customer-since date for a prospect", { customerSince: "2024-01-01" }, ["input", "customerSince"], "BAD_USER_INPUT", "PROSPECT_WITH_CUSTOMER_SINCE"],
      ["a partner that does not exist", { partnerId: ghostId("Partner") }, ["input", "partnerId"], "NOT_FOUND", null],
    ] as const)(
      "when an account is created with %s, then userErrors say why and no account is written",
      async (_, overrides: Partial<AccountCreateInput>, field, code, reason) => {
        const name = overrides.name ?? `Refused ${uniqueTag()}`;
        const result = await app.execute(AccountCreateDocument, { input: { industry: "Retail", region: "EUROPE", ...overrides, name } });
        expect(result.errors).toBeUndefined();
        const payload = result.data!.accountCreate!;
        expect(payload).toMatchObject({ account: null, accountEdge: null, clientMutationId: null });
        expect(payload.userErrors.length).toBeGreaterThan(0);
        for (const userError of payload.userErrors) expect(userError).toMatchObject({ field, code, reason });
        if (name !== "") expect(await app.dataSource.getRepository(Account).countBy({ name })).toBe(0);
      },
    );

    test("when an account is updated, then the payload holds it as changed; a forbidden status step is a CONFLICT, an unknown id NOT_FOUND", async () => {
      const account = await createAccount(app.dataSource);
      const updated = await app.execute(AccountUpdateDocument, { input: { accountId: account.globalId, loyaltyPoints: 500, clientMutationId: "points" } });
      expect(updated.data!.accountUpdate).toEqual({
        clientMutationId: "points",
        userErrors: [],
        account: { id: account.globalId, name: account.name, status: "ACTIVE", loyaltyPoints: 500 },
      });
      const conflict = await app.execute(AccountUpdateDocument, { input: { accountId: account.globalId, status: "PROSPECT" } });
      expect(conflict.data!.accountUpdate).toMatchObject({
        account: null,
        userErrors: [{ field: ["input", "status"], code: "CONFLICT", reason: "ILLEGAL_STATUS_CHANGE" }],
      });
      const missing = await app.execute(AccountUpdateDocument, { input: { accountId: ghostId("Account"), name: "Nobody" } });
      expect(missing.data!.accountUpdate!.userErrors).toEqual([
        { field: ["input", "accountId"], code: "NOT_FOUND", reason: null, message: `No Account with id "${ghostId("Account")}"` },
      ]);
      expect((await app.dataSource.getRepository(Account).findOneByOrFail({ id: account.id })).status).toBe("active");
    });
  });

  describe("contactCreate and contactUpdate", () => {
    const newContact = (accountId: string, overrides: Partial<ContactCreateInput> = {}): ContactCreateInput => ({
      accountId,
      firstName: "Grace",
      lastName: `Hopper ${uniqueTag()}`,
      role: "TECHNICAL",
      ...overrides,
    });

    test("when a contact is created, then its edge sits in the account's contacts after the primary, and the list continues after its cursor", async () => {
      const account = await createAccount(app.dataSource);
      const primary = await createContact(app.dataSource, account.id, { lastName: "Zuse", isPrimary: true });
      const later = await createContact(app.dataSource, account.id, { lastName: "Turing" });
      const result = await app.execute(ContactCreateDocument, { input: newContact(account.globalId, { lastName: "Lovelace", clientMutationId: "c1" }) });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.contactCreate!;
      expect(payload).toMatchObject({ clientMutationId: "c1", userErrors: [], contact: { lastName: "Lovelace", isPrimary: false } });
      const listed = payload.account!.contacts;
      expect(listed.totalCount).toBe(3);
      expect(listed.edges.map((edge) => edge.node.id)).toEqual([primary.globalId, payload.contact!.id, later.globalId]);
      expect(listed.edges[1].cursor).toBe(payload.contactEdge!.cursor);
      const after = await app.execute(AccountContactsAfterDocument, { accountId: account.globalId, after: payload.contactEdge!.cursor });
      expect(after.data!.account!.contacts.edges.map((edge) => edge.node.id)).toEqual([later.globalId]);
    });

    test("when a contact's email is taken at the account, then a CONFLICT userError names input.email and nothing is written", async () => {
      const account = await createAccount(app.dataSource);
      const taken = await createContact(app.dataSource, account.id);
      const result = await app.execute(ContactCreateDocument, { input: newContact(account.globalId, { email: taken.email }) });
      expect(result.data!.contactCreate).toMatchObject({
        contact: null,
        contactEdge: null,
        account: null,
        userErrors: [{ field: ["input", "email"], code: "CONFLICT", reason: "EMAIL_TAKEN" }],
      });
      expect(await app.dataSource.getRepository(Contact).countBy({ accountId: account.id })).toBe(1);
    });

    test("when a contact becomes primary, then the payload holds it and its account; an unknown contact is NOT_FOUND naming input.contactId", async () => {
      const account = await createAccount(app.dataSource);
      const contact = await createContact(app.dataSource, account.id);
      const result = await app.execute(ContactUpdateDocument, { input: { contactId: contact.globalId, isPrimary: true } });
      expect(result.data!.contactUpdate).toEqual({
        clientMutationId: null,
        userErrors: [],
        contact: { id: contact.globalId, email: contact.email, isPrimary: true },
        account: { id: account.globalId },
      });
      const missing = await app.execute(ContactUpdateDocument, { input: { contactId: ghostId("Contact"), isPrimary: true } });
      expect(missing.data!.contactUpdate).toMatchObject({ contact: null, userErrors: [{ field: ["input", "contactId"], code: "NOT_FOUND" }] });
    });
  });

  describe("orderPlace and orderStatusUpdate", () => {
    const newOrder = (accountId: string, overrides: Partial<OrderPlaceInput> = {}): OrderPlaceInput => ({
      accountId,
      channel: "WEB",
      lines: [{ product: "Annual licence", quantity: 1, unitPrice: { amount: "9000.00", currency: "USD" } }],
      ...overrides,
    });

    test("when an order is placed, then its edge heads the account's orders, the account is counted again and the list continues after its cursor", async () => {
      const account = await createAccount(app.dataSource);
      const earlier = await createOrder(app.dataSource, account.id);
      const result = await app.execute(OrderPlaceDocument, { input: newOrder(account.globalId, { clientMutationId: "order-1" }) });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.orderPlace!;
      expect(payload).toMatchObject({
        clientMutationId: "order-1",
        userErrors: [],
        order: { status: "PENDING", total: { amount: "9000.00", currency: "USD" }, lines: [{ product: "Annual licence" }] },
        account: { id: account.globalId, orders: { totalCount: 2 } },
      });
      expect(payload.account!.assessment).not.toBeNull();
      expect(payload.account!.orders.edges[0]).toEqual(payload.orderEdge);
      const after = await app.execute(AccountOrdersAfterDocument, { accountId: account.globalId, after: payload.orderEdge!.cursor });
      expect(after.data!.account!.orders.edges.map((edge) => edge.node.id)).toEqual([earlier.globalId]);
    });

    test.each([
      ["no lines", { lines: [] }, ["input", "lines"]],
      [
        "a line of quantity 0",
        { lines: [{ product: "Widget", quantity: 0, unitPrice: { amount: "1.00", currency: "USD" } }] },
        ["input", "lines", "0", "quantity"],
      ],
    ] as const)("when an order has %s, then a BAD_USER_INPUT userError names the field and no order is written", async (_, overrides, field) => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(OrderPlaceDocument, { input: newOrder(account.globalId, { ...overrides, lines: [...overrides.lines] }) });
      expect(result.errors).toBeUndefined();
      expect(result.data!.orderPlace).toMatchObject({ order: null, orderEdge: null, account: null });
      expect(result.data!.orderPlace!.userErrors).toEqual([expect.objectContaining({ field, code: "BAD_USER_INPUT" })]);
      expect(await app.dataSource.getRepository(Order).countBy({ accountId: account.id })).toBe(0);
    });

    test("when an order moves along its lifecycle, then the payload holds it; a step back is a CONFLICT naming input.status", async () => {
      const account = await createAccount(app.dataSource);
      const order = await createOrder(app.dataSource, account.id);
      const back = await app.execute(OrderStatusUpdateDocument, { input: { orderId: order.globalId, status: "PENDING" } });
      expect(back.data!.orderStatusUpdate).toMatchObject({
        order: null,
        userErrors: [{ field: ["input", "status"], code: "CONFLICT", reason: "ILLEGAL_STATUS_TRANSITION", message: stringMatching(/^An order cannot go/) }],
      });
      const returned = await app.execute(OrderStatusUpdateDocument, { input: { orderId: order.globalId, status: "RETURNED", clientMutationId: "r" } });
      expect(returned.data!.orderStatusUpdate).toEqual({
        clientMutationId: "r",
        userErrors: [],
        order: { id: order.globalId, status: "RETURNED" },
        account: { id: account.globalId },
      });
    });
  });

  test("when a partner's agreement changes, then the payload holds the partner; an unknown partner is NOT_FOUND naming input.partnerId", async () => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(PartnerAgreementChangeDocument, { input: { partnerId: partner.globalId, sharesContactEmail: true } });
    expect(result.data!.partnerAgreementChange).toEqual({
      clientMutationId: null,
      userErrors: [],
      partner: { id: partner.globalId, sharesContactEmail: true, sharesContactPhone: false },
    });
    const missing = await app.execute(PartnerAgreementChangeDocument, { input: { partnerId: ghostId("Partner"), sharesContactEmail: true } });
    expect(missing.data!.partnerAgreementChange).toMatchObject({ partner: null, userErrors: [{ field: ["input", "partnerId"], code: "NOT_FOUND" }] });
  });
});
