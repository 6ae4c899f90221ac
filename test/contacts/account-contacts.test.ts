import { Contact } from "../../src/contacts/contact.entity";
import { ContactsOfAccountsDocument, ContactsOfAccountsQueryVariables } from "../generated/graphql";
import { createAccount, createContact, createPartner } from "../support/factories";
import { resolverSchema, startTestApp, TestApp } from "../support/test-app";

describe("Account.contacts: a page per account", () => {
  let app: TestApp;
  beforeAll(async () => {
    // The loaders' batching, on the path the read planner falls back to.
    app = await startTestApp({ schema: await resolverSchema() });
  });
  afterAll(() => app.close());

  /** Three accounts of a new partner: one with five contacts (its primary sorts last by name), one with one, one with none. */
  async function partnerWithContacts() {
    const partner = await createPartner(app.dataSource);
    const busy = await createAccount(app.dataSource, { name: "A busy", partnerId: partner.id });
    const quiet = await createAccount(app.dataSource, { name: "B quiet", partnerId: partner.id });
    await createAccount(app.dataSource, { name: "C empty", partnerId: partner.id });
    const busyContacts: Contact[] = [];
    for (const lastName of ["Baker", "Adams", "Clark", "Evans"]) {
      busyContacts.push(await createContact(app.dataSource, busy.id, { lastName, role: "user" as Contact["role"] }));
    }
    busyContacts.push(await createContact(app.dataSource, busy.id, { lastName: "Zimmer", isPrimary: true, role: "buyer" as Contact["role"] }));
    await createContact(app.dataSource, quiet.id, { lastName: "Solo" });
    return partner;
  }

  async function contactsOfAccounts(variables: ContactsOfAccountsQueryVariables) {
    app.statements.reset();
    const result = await app.execute(ContactsOfAccountsDocument, variables);
    expect(result.errors).toBeUndefined();
    const contactStatements = app.statements.statements.filter((statement) => /FROM "contacts"/.test(statement));
    return { accounts: result.data!.accounts.edges.map((edge) => edge.node), contactStatements };
  }

  it("when asking 3 contacts of several accounts, then each account gets its own 3, primary first, in one statement plus one count", async () => {
    const partner = await partnerWithContacts();
    const { accounts, contactStatements } = await contactsOfAccounts({ filter: { partnerId: partner.globalId }, contactsPerAccount: 3 });
    const [busy, quiet, empty] = accounts;

    expect(busy.contacts.edges.map((edge) => edge.node.lastName)).toEqual(["Zimmer", "Adams", "Baker"]);
    expect(busy.contacts.edges[0].node.isPrimary).toBe(true);
    expect(busy.contacts.edges.every((edge) => edge.node.account.id === busy.id)).toBe(true);
    expect(busy.contacts).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(quiet.contacts.edges.map((edge) => edge.node.lastName)).toEqual(["Solo"]);
    expect(quiet.contacts).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(empty.contacts).toMatchObject({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false } });
    // One page statement for every account together, and one grouped count.
    expect(contactStatements).toHaveLength(2);
  });

  it("when the per-account page has a filter and an order, then both apply within each account", async () => {
    const partner = await partnerWithContacts();
    const { accounts } = await contactsOfAccounts({
      filter: { partnerId: partner.globalId },
      contactsPerAccount: 2,
      contactFilter: { role: ["USER"] },
      contactOrder: [{ field: "NAME", direction: "DESC" }],
    });
    const [busy, quiet] = accounts;
    expect(busy.contacts.edges.map((edge) => edge.node.lastName)).toEqual(["Evans", "Clark"]);
    expect(busy.contacts.totalCount).toBe(4);
    expect(quiet.contacts.totalCount).toBe(0);
  });
});
