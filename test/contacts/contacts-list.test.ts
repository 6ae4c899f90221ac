import { Contact } from "../../src/contacts/contact.entity";
import { ContactFilter, ContactNodeDocument, ContactSort, ContactsPageDocument, ContactsPageQueryVariables } from "../generated/graphql";
import { createAccount, createContact, uniqueTag } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("contacts: list, filters and order", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function contactIds(filter: ContactFilter, orderBy?: ContactSort[]) {
    const result = await app.execute(ContactsPageDocument, { filter, orderBy, first: 100 });
    expect(result.errors).toBeUndefined();
    return result.data!.contacts.edges.map((edge) => edge.node.id);
  }

  const sorted = (contacts: Contact[]) => contacts.map((contact) => contact.globalId).sort();

  it("when filtering by account, role, primary flag and marketing consent, then every condition applies", async () => {
    const account = await createAccount(app.dataSource);
    const other = await createAccount(app.dataSource);
    const buyer = await createContact(app.dataSource, account.id, { role: "buyer" as Contact["role"], marketingConsent: true });
    const primary = await createContact(app.dataSource, account.id, { role: "decision_maker" as Contact["role"], isPrimary: true });
    const user = await createContact(app.dataSource, account.id, { role: "user" as Contact["role"] });
    await createContact(app.dataSource, other.id, { role: "buyer" as Contact["role"], marketingConsent: true });
    const accountId = account.globalId;

    expect((await contactIds({ accountId })).sort()).toEqual(sorted([buyer, primary, user]));
    expect((await contactIds({ accountId, role: ["BUYER", "USER"] })).sort()).toEqual(sorted([buyer, user]));
    expect(await contactIds({ accountId, isPrimary: true })).toEqual([primary.globalId]);
    expect((await contactIds({ accountId, isPrimary: false })).sort()).toEqual(sorted([buyer, user]));
    expect(await contactIds({ accountId, marketingConsent: true })).toEqual([buyer.globalId]);
    expect(await contactIds({ accountId, role: ["BUYER"], marketingConsent: false })).toEqual([]);
  });

  it("when searching in another case, then first name, last name and email match, and wildcards match literally", async () => {
    const tag = uniqueTag();
    const account = await createAccount(app.dataSource);
    const byFirstName = await createContact(app.dataSource, account.id, { firstName: `Grace${tag}`, lastName: "Hopper", email: null });
    const byLastName = await createContact(app.dataSource, account.id, { firstName: "Alan", lastName: `Turing${tag}`, email: null });
    const byEmail = await createContact(app.dataSource, account.id, { firstName: "Ada", lastName: "King", email: `ada.${tag}@example.com` });
    const withWildcards = await createContact(app.dataSource, account.id, { firstName: `100%_${tag}`, lastName: "Percent", email: null });

    expect((await contactIds({ search: tag.toUpperCase() })).sort()).toEqual(sorted([byFirstName, byLastName, byEmail, withWildcards]));
    expect(await contactIds({ search: `GRACE${tag}` })).toEqual([byFirstName.globalId]);
    expect(await contactIds({ search: `ADA.${tag}@EXAMPLE` })).toEqual([byEmail.globalId]);
    expect(await contactIds({ search: `%_${tag}` })).toEqual([withWildcards.globalId]);
    // Unescaped, `_` and `%` would match the "e" and "ace" of Grace.
    expect(await contactIds({ search: `Grac_${tag}` })).toEqual([]);
    expect(await contactIds({ search: `Gr%${tag}` })).toEqual([]);
  });

  it("when no order is given, then contacts come by last name, then first name, ties broken by id", async () => {
    const account = await createAccount(app.dataSource);
    const names: Array<[string, string]> = [
      ["Zoe", "Adams"],
      ["Anna", "Baker"],
      ["Bea", "Adams"],
      ["Bea", "Adams"],
      ["Carl", "Adams"],
    ];
    for (const [firstName, lastName] of names) await createContact(app.dataSource, account.id, { firstName, lastName });

    const result = await app.execute(ContactsPageDocument, { filter: { accountId: account.globalId } });
    const nodes = result.data!.contacts.edges.map((edge) => edge.node);
    expect(nodes.map((node) => `${node.firstName} ${node.lastName}`)).toEqual(["Bea Adams", "Bea Adams", "Carl Adams", "Zoe Adams", "Anna Baker"]);
    const tiedIds = nodes.slice(0, 2).map((node) => Buffer.from(node.id, "base64").toString());
    expect(tiedIds).toEqual([...tiedIds].sort());

    const descending = await contactIds({ accountId: account.globalId }, [{ field: "NAME", direction: "DESC" }]);
    expect(descending).toEqual(nodes.map((node) => node.id).reverse());
  });

  it("when ordering by creation time either way, then contacts follow it", async () => {
    const account = await createAccount(app.dataSource);
    const created = (day: number) => new Date(Date.UTC(2024, 0, day, 9));
    const middle = await createContact(app.dataSource, account.id, { createdAt: created(2) });
    const newest = await createContact(app.dataSource, account.id, { createdAt: created(3) });
    const oldest = await createContact(app.dataSource, account.id, { createdAt: created(1) });
    const filter = { accountId: account.globalId };

    expect(await contactIds(filter, [{ field: "CREATED_AT", direction: "ASC" }])).toEqual([oldest, middle, newest].map((contact) => contact.globalId));
    expect(await contactIds(filter, [{ field: "CREATED_AT", direction: "DESC" }])).toEqual([newest, middle, oldest].map((contact) => contact.globalId));
  });

  it("when fetching a contact with node(id), then it comes with its account", async () => {
    const account = await createAccount(app.dataSource);
    const contact = await createContact(app.dataSource, account.id);
    const result = await app.execute(ContactNodeDocument, { id: contact.globalId });
    expect(result.data!.node).toMatchObject({ id: contact.globalId, lastName: contact.lastName, account: { id: account.globalId, name: account.name } });
  });

  it.each([
    [
      "a filter account id of another type",
      { filter: { accountId: Buffer.from("Contact:00000000-0000-4000-8000-000000000000").toString("base64") } },
      "filter.accountId",
    ],
    [
      "a field listed twice in orderBy",
      {
        orderBy: [
          { field: "NAME", direction: "ASC" },
          { field: "NAME", direction: "DESC" },
        ],
      },
      "orderBy[1].field",
    ],
    ["a forged cursor", { after: "bm90IGEgY3Vyc29y" }, "after"],
  ] as Array<[string, ContactsPageQueryVariables, string]>)("when the query has %s, then BAD_USER_INPUT names the argument", async (_, variables, field) => {
    const result = await app.execute(ContactsPageDocument, variables);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe(field);
  });
});
