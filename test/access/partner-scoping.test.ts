import { createApiKey, findCallerByKey } from "../../src/access/api-keys";
import { DataScope, partnerScope, wholeGraphScope } from "../../src/access/data-scope";
import { partnerConditions } from "../../src/graphql/partner-conditions";
import { Role } from "../../src/access/roles";
import { Account } from "../../src/accounts/account.entity";
import { contextWithScope } from "../../src/graphql/request-context";
import { Partner } from "../../src/partners/partner.entity";
import { reassessAccounts } from "../../src/policies/reassessment";
import { createAccount, createAccountManager, createContact, createOrder, createPartner, createTicket } from "../support/factories";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";

interface GraphOfAccount {
  account: Account;
  ids: { Account: string; Contact: string; Order: string; Ticket: string; AccountManager: string };
}

/** The ids a list query found, whatever the list. */
const listedIds = (data: Record<string, { nodes: Array<{ id: string }> }> | null | undefined, list: string) =>
  (data?.[list]?.nodes ?? []).map((node) => node.id).sort();

const rootLists = `query RootLists {
  accounts(first: 10) { totalCount nodes { id } }
  contacts(first: 10) { totalCount nodes { id } }
  orders(first: 10) { totalCount nodes { id } }
  tickets(first: 10) { totalCount nodes { id } }
}`;

/** One order each: an order's lines count at 100 items, and three would pass a partner's 1,000 points. */
const nestedGraph = `query NestedGraph {
  accounts(first: 5) { nodes { id partner { id } accountManager { id }
    contacts(first: 3) { nodes { id account { id } } }
    orders(first: 1) { nodes { id lines { product } account { id } } }
    tickets(first: 3) { nodes { id account { id } contact { id } } } } }
}`;

describe("partner scoping: a partner sees its own accounts and what hangs off them, on every path", () => {
  let app: TestApp;
  let partnerA: Partner;
  let partnerB: Partner;
  const graphs: Record<"A" | "B" | "none", GraphOfAccount[]> = { A: [], B: [], none: [] };

  async function accountWithGraph(partner: Partner | null): Promise<GraphOfAccount> {
    const manager = await createAccountManager(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: partner?.id ?? null, accountManagerId: manager.id });
    const contact = await createContact(app.dataSource, account.id, { phone: "+1 (555) 010-2345" });
    const order = await createOrder(app.dataSource, account.id);
    const ticket = await createTicket(app.dataSource, account.id, { contactId: contact.id });
    const ids = { Account: account.globalId, Contact: contact.globalId, Order: order.globalId, Ticket: ticket.globalId, AccountManager: manager.globalId };
    return { account, ids };
  }

  const idsOf = (graph: GraphOfAccount[], typeName: keyof GraphOfAccount["ids"]) => graph.map((entry) => entry.ids[typeName]).sort();

  beforeAll(async () => {
    app = await startTestApp();
    partnerA = await createPartner(app.dataSource, { sharesContactEmail: true, sharesContactPhone: false });
    partnerB = await createPartner(app.dataSource);
    graphs.A = [await accountWithGraph(partnerA), await accountWithGraph(partnerA)];
    graphs.B = [await accountWithGraph(partnerB)];
    graphs.none = [await accountWithGraph(null)];
    const all = [...graphs.A, ...graphs.B, ...graphs.none].map((entry) => entry.account.id);
    await reassessAccounts(app.dataSource.manager, all, app.policies.current());
  });
  afterAll(() => app.close());

  describe.each([
    ["A", () => partnerA],
    ["B", () => partnerB],
  ] as const)("partner %s", (name, partner) => {
    const own = () => graphs[name];
    const foreign = () => [...graphs[name === "A" ? "B" : "A"], ...graphs.none];

    test("when it reads the root lists, then it gets exactly its own accounts, contacts, orders and tickets, counted as such", async () => {
      const result = await app.executeText<Record<string, { totalCount: number; nodes: Array<{ id: string }> }>>(
        rootLists,
        undefined,
        partnerCaller(partner()),
      );
      expect(result.errors).toBeUndefined();
      for (const [list, typeName] of [
        ["accounts", "Account"],
        ["contacts", "Contact"],
        ["orders", "Order"],
        ["tickets", "Ticket"],
      ] as const) {
        expect(listedIds(result.data, list)).toEqual(idsOf(own(), typeName));
        expect(result.data?.[list].totalCount).toBe(own().length);
      }
    });

    test("when it walks the graph from its accounts, then every nested object is its own", async () => {
      const result = await app.executeText(nestedGraph, undefined, partnerCaller(partner()));
      expect(result.errors).toBeUndefined();
      const text = JSON.stringify(result.data);
      for (const entry of own()) for (const id of Object.values(entry.ids)) expect(text).toContain(id);
      for (const entry of foreign()) for (const id of Object.values(entry.ids)) expect(text).not.toContain(id);
      expect(text).toContain(partner().globalId);
    });

    test("when it asks for foreign objects by id (node, account), then they answer as if they did not exist", async () => {
      for (const entry of foreign()) {
        for (const id of Object.values(entry.ids)) {
          const result = await app.executeText(`query ($id: ID!) { node(id: $id) { id } account(id: $id) { id } }`, { id }, partnerCaller(partner()));
          expect(result).toMatchObject({ data: { node: null, account: null } });
          expect(result.errors).toBeUndefined();
        }
      }
      const otherPartner = name === "A" ? partnerB : partnerA;
      const probe = await app.executeText(`query ($id: ID!) { node(id: $id) { id } }`, { id: otherPartner.globalId }, partnerCaller(partner()));
      expect(probe.data).toEqual({ node: null });
    });

    test("when it filters on foreign accounts or partners, then nothing matches", async () => {
      const foreignAccount = foreign()[0].ids.Account;
      const otherPartner = name === "A" ? partnerB : partnerA;
      const result = await app.executeText<Record<string, { nodes: Array<{ id: string }> }>>(
        `query ($account: ID!, $partner: ID!) {
          accounts(first: 100, filter: { partnerId: $partner }) { nodes { id } }
          contacts(first: 100, filter: { accountId: $account }) { nodes { id } }
          orders(first: 100, filter: { accountId: $account }) { nodes { id } }
          tickets(first: 100, filter: { accountId: $account }) { nodes { id } }
        }`,
        { account: foreignAccount, partner: otherPartner.globalId },
        partnerCaller(partner()),
      );
      expect(result.errors).toBeUndefined();
      for (const list of ["accounts", "contacts", "orders", "tickets"]) expect(listedIds(result.data, list)).toEqual([]);
    });

    test("when it asks for the tier distribution, then only its own accounts are counted", async () => {
      const result = await app.executeText<{ tierDistribution: Array<{ accounts: number }> }>(
        `{ tierDistribution { tier accounts } }`,
        undefined,
        partnerCaller(partner()),
      );
      expect(result.errors).toBeUndefined();
      const counted = result.data!.tierDistribution.reduce((sum, share) => sum + share.accounts, 0);
      expect(counted).toBe(own().length);
    });
  });

  describe("writes", () => {
    const openTicket = `mutation ($accountId: ID!) {
      openTicket(input: { accountId: $accountId, subject: "Printer on fire", category: INCIDENT, severity: HIGH, channel: PARTNER }) { id account { id } }
    }`;
    const ticketCount = async (accountId: string) =>
      (await app.dataSource.query<{ tickets: number }[]>("SELECT count(*)::int AS tickets FROM tickets WHERE account_id = $1", [accountId]))[0].tickets;

    test("when a partner opens a ticket on its own account, then it is written", async () => {
      const own = graphs.A[0];
      const before = await ticketCount(own.account.id);
      const result = await app.executeText(openTicket, { accountId: own.ids.Account }, partnerCaller(partnerA));
      expect(result.errors).toBeUndefined();
      expect(await ticketCount(own.account.id)).toBe(before + 1);
    });

    test("when a partner opens a ticket on a foreign account, then it is NOT_FOUND and nothing is written", async () => {
      for (const foreign of [graphs.B[0], graphs.none[0]]) {
        const before = await ticketCount(foreign.account.id);
        const result = await app.executeText(openTicket, { accountId: foreign.ids.Account }, partnerCaller(partnerA));
        expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
        expect(await ticketCount(foreign.account.id)).toBe(before);
      }
    });

    test("when a partner responds to a foreign ticket, then it is NOT_FOUND and the ticket is unchanged", async () => {
      const foreign = graphs.B[0];
      const result = await app.executeText(`mutation ($id: ID!) { respondToTicket(id: $id) { id } }`, { id: foreign.ids.Ticket }, partnerCaller(partnerA));
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
      const [{ responded }]: { responded: boolean }[] = await app.dataSource.query(
        "SELECT first_responded_at IS NOT NULL AS responded FROM tickets WHERE account_id = $1",
        [foreign.account.id],
      );
      expect(responded).toBe(false);
    });

    test("when a partner responds to its own ticket, then the response is recorded", async () => {
      const result = await app.executeText(
        `mutation ($id: ID!) { respondToTicket(id: $id) { id status } }`,
        { id: graphs.A[1].ids.Ticket },
        partnerCaller(partnerA),
      );
      expect(result.errors).toBeUndefined();
    });
  });

  describe("the second line of defence: row-level security in the database", () => {
    /** A partner's database session with the application's partner filter turned off. */
    const unfiltered = (partner: Partner): DataScope => {
      const whole = wholeGraphScope(app.dataSource);
      return {
        ...partnerScope(app.dataSource, { partnerId: partner.id, personalData: { contactEmail: true, contactPhone: true } }, partnerConditions),
        select: (manager, entity, alias) => whole.select(manager, entity, alias),
        accountCondition: (column, parameters) => whole.accountCondition(column, parameters),
      };
    };

    test("when the application filter is off, then the database still returns no foreign rows on any list, id or aggregate", async () => {
      const caller = partnerCaller(partnerA);
      const run = (query: string, variables?: Record<string, unknown>) =>
        app.executeInContext(query, variables, contextWithScope(unfiltered(partnerA), app.policies, caller));
      const lists = await run(rootLists);
      expect(lists.errors).toBeUndefined();
      for (const [list, typeName] of [
        ["accounts", "Account"],
        ["contacts", "Contact"],
        ["orders", "Order"],
        ["tickets", "Ticket"],
      ] as const) {
        // Partner A has opened tickets of its own meanwhile: its rows, plus no foreign one.
        const listed = listedIds(lists.data as never, list);
        expect(listed).toEqual(expect.arrayContaining(idsOf(graphs.A, typeName)));
        for (const id of idsOf([...graphs.B, ...graphs.none], typeName)) expect(listed).not.toContain(id);
      }
      for (const id of [...Object.values(graphs.B[0].ids), ...Object.values(graphs.none[0].ids), partnerB.globalId]) {
        expect((await run(`query ($id: ID!) { node(id: $id) { id } }`, { id })).data).toEqual({ node: null });
      }
      const tiers = (await run(`{ tierDistribution { accounts } }`)).data as { tierDistribution: Array<{ accounts: number }> };
      expect(tiers.tierDistribution.reduce((sum, share) => sum + share.accounts, 0)).toBe(graphs.A.length);
    });

    test("when a partner's session reads or writes tables directly, then only its own rows exist for it", async () => {
      const scope = unfiltered(partnerA);
      const ownIds = graphs.A.map((entry) => entry.account.id).sort();
      for (const table of ["accounts", "contacts", "orders", "tickets", "account_assessments"]) {
        const column = table === "accounts" ? "id" : "account_id";
        const rows: Array<{ id: string }> = await scope.read((manager) => manager.query(`SELECT DISTINCT ${column} AS id FROM ${table}`));
        expect(rows.map((row) => row.id).sort()).toEqual(ownIds);
      }
      const foreignAccount = graphs.B[0].account.id;
      const insert = scope.transaction((manager) =>
        manager.query(
          `INSERT INTO tickets (account_id, subject, category, severity, channel, status, opened_at)
           VALUES ($1, 'Sneaky', 'question', 'low', 'partner', 'open', now())`,
          [foreignAccount],
        ),
      );
      await expect(insert).rejects.toThrow(/row-level security/);
      // TypeORM's raw UPDATE gives [rows, affected row count].
      const updated: [unknown[], number] = await scope.transaction((manager) =>
        manager.query(`UPDATE tickets SET subject = 'Hijacked' WHERE account_id = $1`, [foreignAccount]),
      );
      expect(updated[1]).toBe(0);
    });
  });

  describe("personal data, as each partner's agreement allows", () => {
    const contactsQuery = `query ($search: String) { contacts(first: 100, filter: { search: $search }) { nodes { id email phone } } }`;
    type ContactsData = { contacts: { nodes: Array<{ id: string; email: string | null; phone: string | null }> } };

    test("when the agreement includes email but not phone, then email shows and phone is masked to its last two digits", async () => {
      const result = await app.executeText<ContactsData>(contactsQuery, {}, partnerCaller(partnerA));
      expect(result.errors).toBeUndefined();
      for (const contact of result.data!.contacts.nodes) {
        expect(contact.email).toMatch(/^[^*]+@example\.com$/);
        expect(contact.phone).toBe("+* (***) ***-**45");
      }
    });

    test("when the agreement includes neither, then both are masked, also where a ticket leads to the contact", async () => {
      const result = await app.executeText<ContactsData>(contactsQuery, {}, partnerCaller(partnerB));
      expect(result.errors).toBeUndefined();
      const [contact] = result.data!.contacts.nodes;
      expect(contact.email).toMatch(/^.\*\*\*@example\.com$/);
      expect(contact.phone).toBe("+* (***) ***-**45");
      const viaTicket = await app.executeText<{ node: { contact: { email: string } } }>(
        `query ($id: ID!) { node(id: $id) { ... on Ticket { contact { email } } } }`,
        { id: graphs.B[0].ids.Ticket },
        partnerCaller(partnerB),
      );
      expect(viaTicket.data?.node.contact.email).toBe(contact.email);
    });

    test("when staff change a partner's agreement, then the partner's key carries it; a partner may not change it", async () => {
      const partner = await createPartner(app.dataSource);
      const { key } = await createApiKey(app.dataSource.manager, { name: "agreement test", role: Role.PARTNER, partnerId: partner.id, expiresAt: null });
      expect((await findCallerByKey(app.dataSource, key))?.personalData).toEqual({ contactEmail: false, contactPhone: false });
      const change = `mutation ($id: ID!) { changePartnerAgreement(id: $id, input: { sharesContactEmail: true }) { sharesContactEmail sharesContactPhone } }`;
      const refused = await app.executeText(change, { id: partner.globalId }, partnerCaller(partner));
      expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
      const changed = await app.executeText(change, { id: partner.globalId });
      expect(changed.data).toEqual({ changePartnerAgreement: { sharesContactEmail: true, sharesContactPhone: false } });
      expect((await findCallerByKey(app.dataSource, key))?.personalData).toEqual({ contactEmail: true, contactPhone: false });
    });

    test("when a partner without email searches contacts by an email address, then the masked email does not match", async () => {
      const [{ email }]: { email: string }[] = await app.dataSource.query("SELECT email FROM contacts WHERE account_id = $1", [graphs.B[0].account.id]);
      const hidden = await app.executeText<ContactsData>(contactsQuery, { search: email.split("@")[0] }, partnerCaller(partnerB));
      expect(hidden.data?.contacts.nodes).toEqual([]);
      const shown = await app.executeText<ContactsData>(
        contactsQuery,
        { search: email.split("@")[0] },
        { ...partnerCaller(partnerB), personalData: { contactEmail: true, contactPhone: false } },
      );
      expect(shown.data?.contacts.nodes).toHaveLength(1);
    });
  });

  test("when a partner's scope is asked for an entity it has no filter for, then it refuses, naming the entity", () => {
    class Unfiltered {}
    const scope = partnerScope(app.dataSource, { partnerId: partnerA.id, personalData: { contactEmail: false, contactPhone: false } }, partnerConditions);
    expect(() => scope.select(app.dataSource.manager, Unfiltered, "unfiltered")).toThrow(/^No partner filter is defined for Unfiltered$/);
  });
});
