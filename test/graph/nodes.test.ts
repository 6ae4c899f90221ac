import { randomUUID } from "node:crypto";
import { encodeGlobalId } from "../../src/shared/global-id";
import { NodesByIdDocument, NodesWithContactsDocument, NodeWithContactsDocument } from "../generated/graphql";
import { createAccount, createAccountManager, createContact, createOrder, createPartner, createTicket } from "../support/factories";
import { errorCodes, partnerCaller, startTestApp, TestApp } from "../support/test-app";

/** The statements that read rows by id: one per type of the ids asked, whatever their number (transactions aside). */
const lookups = (statements: string[]) => statements.filter((statement) => /= ANY\(/.test(statement));

/** A global id as ours are written, of any text: `Type:id`, base64. */
const idOf = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("nodes(ids): objects of any type by id, for refetching a client's cache", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function accountWithGraph(partnerId: string | null = null) {
    const manager = await createAccountManager(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId, accountManagerId: manager.id });
    const contact = await createContact(app.dataSource, account.id);
    const order = await createOrder(app.dataSource, account.id);
    const ticket = await createTicket(app.dataSource, account.id, { contactId: contact.id });
    return { manager, account, contact, order, ticket };
  }

  test("when ids of every type are asked, some twice, then each comes back in the order asked, as node(id) gives it", async () => {
    const partner = await createPartner(app.dataSource);
    const { manager, account, contact, order, ticket } = await accountWithGraph(partner.id);
    const ids = [ticket.globalId, account.globalId, contact.globalId, account.globalId, order.globalId, partner.globalId, manager.globalId];
    const result = await app.execute(NodesByIdDocument, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes).toEqual([
      { __typename: "Ticket", id: ticket.globalId, subject: ticket.subject },
      { __typename: "Account", id: account.globalId, name: account.name },
      { __typename: "Contact", id: contact.globalId, lastName: contact.lastName },
      { __typename: "Account", id: account.globalId, name: account.name },
      { __typename: "Order", id: order.globalId, status: "DELIVERED" },
      { __typename: "Partner", id: partner.globalId, partnerName: partner.name },
      { __typename: "AccountManager", id: manager.globalId, email: manager.email },
    ]);
  });

  test("when ids are unknown, malformed or of no type of ours, then each gets null in its place and the others their object", async () => {
    const { account, contact } = await accountWithGraph();
    const uuid = randomUUID();
    const ids = [
      account.globalId,
      encodeGlobalId("Account", uuid),
      "not an id",
      "",
      idOf(`Invoice:${uuid}`),
      idOf(`constructor:${uuid}`),
      idOf(`Account:${account.id}:extra`),
      encodeGlobalId("Contact", account.id),
      encodeGlobalId("Contact", contact.id.toUpperCase()),
    ];
    const result = await app.execute(NodesByIdDocument, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((node) => node?.id ?? null)).toEqual([account.globalId, null, null, null, null, null, null, null, contact.globalId]);
  });

  test("when no id is asked, then the answer is an empty list, without a statement", async () => {
    app.statements.reset();
    const result = await app.execute(NodesByIdDocument, { ids: [] });
    expect(result).toMatchObject({ data: { nodes: [] } });
    expect(app.statements.count).toBe(0);
  });

  test("when 100 ids are asked, then all are answered; when 101 are, then the request is refused as the client's error, before any SQL", async () => {
    const { account } = await accountWithGraph();
    const hundred = await app.execute(NodesByIdDocument, { ids: Array.from({ length: 100 }, () => account.globalId) });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data?.nodes).toHaveLength(100);
    app.statements.reset();
    const tooMany = await app.execute(NodesByIdDocument, { ids: Array.from({ length: 101 }, () => account.globalId) });
    expect(tooMany.data).toBeNull();
    expect(tooMany.errors?.map((error) => [error.extensions?.code, error.extensions?.field, error.message])).toEqual([
      ["BAD_USER_INPUT", "ids", "ids: at most 100 ids at a time, got 101"],
    ]);
    expect(app.statements.count).toBe(0);
  });

  test("when many ids of three types are asked, then one statement per type reads them", async () => {
    const graphs = await Promise.all(Array.from({ length: 5 }, () => accountWithGraph()));
    const ids = graphs.flatMap((graph) => [graph.account.globalId, graph.contact.globalId, graph.order.globalId, graph.account.globalId]);
    app.statements.reset();
    const result = await app.execute(NodesByIdDocument, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.every((node) => node !== null)).toBe(true);
    const statements = lookups(app.statements.statements);
    expect(statements).toHaveLength(3);
    for (const table of ["accounts", "contacts", "orders"]) expect(statements.filter((statement) => statement.includes(`"${table}"`))).toHaveLength(1);
  });

  test("when a partner asks for its own objects and another partner's, then the others' are null, each type still read once", async () => {
    const own = await createPartner(app.dataSource);
    const other = await createPartner(app.dataSource);
    const mine = await accountWithGraph(own.id);
    const theirs = await accountWithGraph(other.id);
    const unassigned = await accountWithGraph(null);
    const ids = [
      theirs.account.globalId,
      mine.account.globalId,
      unassigned.account.globalId,
      theirs.contact.globalId,
      mine.contact.globalId,
      theirs.ticket.globalId,
      mine.ticket.globalId,
      other.globalId,
      own.globalId,
    ];
    app.statements.reset();
    const result = await app.execute(NodesByIdDocument, { ids }, partnerCaller(own));
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes.map((node) => node?.id ?? null)).toEqual([
      null,
      mine.account.globalId,
      null,
      null,
      mine.contact.globalId,
      null,
      mine.ticket.globalId,
      null,
      own.globalId,
    ]);
    expect(lookups(app.statements.statements)).toHaveLength(4);
  });

  test("when nodes asks for n ids, then it costs n lookups and what each asks for beneath it", async () => {
    const { account } = await accountWithGraph();
    const costOf = async (result: Promise<{ extensions?: Record<string, unknown> }>) => ((await result).extensions?.cost as { requested: number }).requested;
    const oneLookup = await costOf(app.execute(NodeWithContactsDocument, { id: account.globalId }));
    for (const count of [1, 10, 100]) {
      const requested = await costOf(app.execute(NodesWithContactsDocument, { ids: Array.from({ length: count }, () => account.globalId) }));
      // node(id) is charged 1 for the field and the rest for its object; nodes(ids) once for the field and the rest per id.
      expect(requested).toBe(1 + count * (oneLookup - 1));
    }
  });

  test("when a partner asks for many ids each with a long nested list, then the cost refuses it before any SQL", async () => {
    const partner = await createPartner(app.dataSource);
    const { account, contact } = await accountWithGraph(partner.id);
    app.statements.reset();
    const result = await app.execute(NodesWithContactsDocument, { ids: Array.from({ length: 20 }, () => account.globalId) }, partnerCaller(partner));
    expect(errorCodes(result)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(app.statements.count).toBe(0);
    const fitting = await app.execute(NodesWithContactsDocument, { ids: [account.globalId] }, partnerCaller(partner));
    expect(fitting.errors).toBeUndefined();
    expect(fitting.data?.nodes).toEqual([{ id: account.globalId, contacts: { nodes: [{ id: contact.globalId }] } }]);
  });
});
