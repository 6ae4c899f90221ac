import { Role } from "../../src/access/roles";
import { Ticket } from "../../src/tickets/ticket.entity";
import { createAccount, createPartner, uniqueTag } from "../support/factories";
import { HttpTestServer, startHttpTestServer } from "../support/http-test-server";
import { readmeMutation } from "../support/readme-queries";
import { stringMatching } from "../support/matchers";

/** The README's two write examples as a client sends them: a payload mutation and an upsert, over HTTP with a key. */
describe("the README's mutations over HTTP", () => {
  let server: HttpTestServer;
  let internalKey: string;
  beforeAll(async () => {
    server = await startHttpTestServer({ maxRequestBytes: 1_000_000 });
    internalKey = (await server.createKey(Role.INTERNAL)).key;
  });
  afterAll(() => server.close());

  test("when the README's SyncCustomers is sent twice with its variables, then it creates the account, then finds it UNCHANGED", async () => {
    const externalId = `CUST-${uniqueTag()}`;
    const variables = {
      input: { items: [{ externalId, name: "Abbott and Corkery", industry: "Retail", region: "EUROPE", status: "ACTIVE", customerSince: "2021-03-06" }] },
    };
    const first = await server.post(internalKey, { query: readmeMutation("SyncCustomers"), variables });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data).toMatchObject({
      upsertAccounts: {
        userErrors: [],
        results: [{ index: 0, outcome: "CREATED", node: { externalId, name: "Abbott and Corkery", assessment: { tier: stringMatching(/^[a-z]+$/) } } }],
      },
    });
    const second = await server.post(internalKey, { query: readmeMutation("SyncCustomers"), variables });
    expect(second.body.data).toMatchObject({ upsertAccounts: { results: [{ outcome: "UNCHANGED" }] } });
  });

  test("when 500 accounts are upserted in one request (the most), then it fits the request size and the staff's cost limit", async () => {
    const tag = uniqueTag();
    const items = Array.from({ length: 500 }, (_, index) => ({
      externalId: `bulk-${tag}-${index}`,
      name: `Bulk ${index}`,
      industry: "Retail",
      region: "EUROPE",
    }));
    const answer = await server.post(internalKey, { query: readmeMutation("SyncCustomers"), variables: { input: { items } } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const results = (answer.body.data!.upsertAccounts as { results: Array<{ outcome: string }> }).results;
    expect(results.filter((result) => result.outcome === "CREATED")).toHaveLength(500);
  });

  test("when the README's OpenTicket is sent as relay-compiler sends it, then the ticket's edge and its account come back", async () => {
    const account = await createAccount(server.dataSource);
    const variables = {
      input: { accountId: account.globalId, subject: "Printer on fire", category: "INCIDENT", severity: "HIGH", channel: "EMAIL", clientMutationId: "open-1" },
    };
    // The store directive and its variable stay in the app: relay-compiler sends the rest.
    const query = readmeMutation("OpenTicket").replace(" @prependEdge(connections: $connections)", "").replace(", $connections: [ID!]!", "");
    const answer = await server.post(internalKey, { query, variables });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      ticketOpen: {
        clientMutationId: "open-1",
        userErrors: [],
        account: { id: account.globalId },
        ticketEdge: { node: { subject: "Printer on fire", status: "OPEN" } },
      },
    });
  });

  test("when a partner's key upserts tickets over HTTP, then its own account's are written and another partner's account is NOT_FOUND at its index", async () => {
    const partner = await createPartner(server.dataSource);
    const own = await createAccount(server.dataSource, { partnerId: partner.id });
    const other = await createAccount(server.dataSource);
    const key = (await server.createKey(Role.PARTNER, partner.id)).key;
    const query = `mutation($input: UpsertTicketsInput!) { upsertTickets(input: $input) { results { outcome node { externalId } } userErrors { index code } } }`;
    const item = (externalId: string, accountId: string) => ({
      externalId,
      accountId,
      subject: "Squeaks",
      category: "INCIDENT",
      severity: "LOW",
      channel: "EMAIL",
    });
    const refused = await server.post(key, { query, variables: { input: { items: [item("p-1", own.globalId), item("p-2", other.globalId)] } } });
    expect(refused.body.data).toEqual({ upsertTickets: { results: null, userErrors: [{ index: 1, code: "NOT_FOUND" }] } });
    const written = await server.post(key, { query, variables: { input: { items: [item(`p-${uniqueTag()}`, own.globalId)] } } });
    expect(written.body.data).toMatchObject({ upsertTickets: { results: [{ outcome: "CREATED" }], userErrors: [] } });
  });

  test("when a partner's key upserts 500 tickets, then asking one field of each node fits its 1,000 points; asking more is refused before anything is written", async () => {
    const partner = await createPartner(server.dataSource);
    const own = await createAccount(server.dataSource, { partnerId: partner.id });
    const key = (await server.createKey(Role.PARTNER, partner.id)).key;
    const tag = uniqueTag();
    const items = Array.from({ length: 500 }, (_, index) => ({
      externalId: `cost-${tag}-${index}`,
      accountId: own.globalId,
      subject: `Case ${index}`,
      category: "QUESTION",
      severity: "LOW",
      channel: "EMAIL",
    }));
    const upsert = (selection: string) => `mutation($input: UpsertTicketsInput!) { upsertTickets(input: $input) { ${selection} userErrors { index code } } }`;
    const heavy = await server.post(key, { query: upsert("results { outcome node { id subject status } }"), variables: { input: { items } } });
    expect(heavy.body.errors?.map((error) => error.extensions?.code)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(await server.dataSource.getRepository(Ticket).countBy({ accountId: own.id })).toBe(0);
    const light = await server.post(key, { query: upsert("results { outcome node { externalId } }"), variables: { input: { items } } });
    expect(light.body.errors).toBeUndefined();
    expect(light.body.extensions).toMatchObject({ cost: { requested: 501 } });
    expect(await server.dataSource.getRepository(Ticket).countBy({ accountId: own.id })).toBe(500);
  });
});
