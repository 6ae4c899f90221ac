import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { Role } from "../../src/access/roles";
import { createAccount, createPartner } from "../support/factories";
import { HttpTestServer, startHttpTestServer } from "../support/http-test-server";

interface EventData {
  id: string;
  type: string;
  after: Record<string, unknown> | null;
  ticket: { id: string; subject: string } | null;
  account: { id: string } | null;
}

const eventFields = "id type after ticket { id subject } account { id }";

interface Answer {
  data?: Record<string, EventData> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

const codes = (answer: Answer) => (answer.errors ?? []).map((error) => error.extensions?.code);

/** A subscription the server refused (graphql-ws's error message) as an answer with its errors. */
const refusedAs = (errors: unknown): Answer[] => [{ errors: errors as Answer["errors"] }];

/** A graphql-ws client on a real socket, with the key in connection_init as a front-end sends it. */
function connect(server: HttpTestServer, key: string): Client {
  return createClient({
    url: server.webSocketUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * The results of a subscription until one meets `until` (or an error comes); `started` causes the events
 * once the server has taken the subscription.
 */
async function resultsUntil(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  until: (answer: Answer) => boolean,
  started?: () => Promise<unknown>,
) {
  const iterator = client.iterate<Record<string, EventData>>({ query, variables });
  const results: Answer[] = [];
  const collecting = (async () => {
    for await (const result of iterator) {
      results.push(result);
      if (until(result) || result.errors) break;
    }
  })();
  // Awaited below; marked handled now, so that a refusal while the test waits is not an unhandled rejection.
  collecting.catch(() => undefined);
  // Subscribed once the server acknowledged: give it a moment before causing the events.
  await new Promise((resolve) => setTimeout(resolve, 150));
  await started?.();
  await collecting;
  return results;
}

const first = () => true;

describe("subscriptions over graphql-ws: the outbox, live, scoped as queries are", () => {
  let server: HttpTestServer;
  let internalKey: string;
  beforeAll(async () => {
    server = await startHttpTestServer({ subscriptions: true });
    internalKey = (await server.createKey(Role.INTERNAL)).key;
  });
  afterAll(() => server.close());

  const openTicket = (accountId: string, subject: string) =>
    server.post(internalKey, {
      query: `mutation ($input: TicketOpenInput!) { ticketOpen(input: $input) { ticket { id } } }`,
      variables: { input: { accountId, subject, category: "INCIDENT", severity: "HIGH", channel: "EMAIL" } },
    });

  test("when a ticket is opened over HTTP, then a support queue subscribed on the WebSocket gets ticket.opened with the ticket as it is", async () => {
    const account = await createAccount(server.dataSource);
    const client = connect(server, internalKey);
    const [opened] = await resultsUntil(client, `subscription { supportQueueChanged { ${eventFields} } }`, {}, first, () =>
      openTicket(account.globalId, "Live printer fire"),
    );
    await client.dispose();
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.supportQueueChanged).toMatchObject({
      type: "ticket.opened",
      after: { status: "OPEN", severity: "HIGH" },
      ticket: { subject: "Live printer fire" },
      account: { id: account.globalId },
    });
  });

  test("when tickets open on another partner's account and then on its own, then a partner's subscription gets only its own", async () => {
    const partner = await createPartner(server.dataSource);
    const stranger = await createPartner(server.dataSource);
    const own = await createAccount(server.dataSource, { partnerId: partner.id });
    const theirs = await createAccount(server.dataSource, { partnerId: stranger.id });
    const client = connect(server, (await server.createKey(Role.PARTNER, partner.id)).key);
    const [received] = await resultsUntil(client, `subscription { supportQueueChanged { ${eventFields} } }`, {}, first, async () => {
      await openTicket(theirs.globalId, "Not yours");
      await openTicket(own.globalId, "Yours");
    });
    await client.dispose();
    expect(received.data!.supportQueueChanged).toMatchObject({ type: "ticket.opened", ticket: { subject: "Yours" }, account: { id: own.globalId } });
  });

  test("when a client reconnects with since: the last id it saw, then it gets what came after, and accountChanged follows one account", async () => {
    const account = await createAccount(server.dataSource);
    const client = connect(server, internalKey);
    const query = `subscription ($id: ID!, $since: ID) { accountChanged(id: $id, since: $since) { ${eventFields} } }`;
    const [seen] = await resultsUntil(client, query, { id: account.globalId }, first, () => openTicket(account.globalId, "First"));
    await openTicket(account.globalId, "While away");
    const afterReconnecting = (answer: Answer) => answer.data?.accountChanged.ticket?.subject === "After reconnecting";
    const replayed = await resultsUntil(client, query, { id: account.globalId, since: seen.data!.accountChanged.id }, afterReconnecting, () =>
      openTicket(account.globalId, "After reconnecting"),
    );
    await client.dispose();
    const subjects = replayed
      .filter((result) => result.data!.accountChanged.type === "ticket.opened")
      .map((result) => result.data!.accountChanged.ticket!.subject);
    expect(subjects).toEqual(["While away", "After reconnecting"]);
    expect(replayed.every((result) => Number(result.data!.accountChanged.id) > Number(seen.data!.accountChanged.id))).toBe(true);
  });

  test("when the key is unknown, then the socket is closed with 4403 before any subscription", async () => {
    const client = connect(server, "cgk_not_a_key");
    const outcome = await resultsUntil(client, `subscription { supportQueueChanged { id } }`, {}, first).catch((error: unknown) => error);
    await client.dispose();
    expect(outcome).toMatchObject({ code: 4403 });
  });

  test("when a partner's subscription asks more than its limits, or a query comes on the WebSocket, then it is refused with the code a query gets", async () => {
    const partner = await createPartner(server.dataSource);
    const client = connect(server, (await server.createKey(Role.PARTNER, partner.id)).key);
    // Every order of the account with its lines (each order counted at its 100 lines): about 10,000 points an event.
    const costly = `subscription { supportQueueChanged { account { orders(first: 100) { edges { node { lines { product } } } } } } }`;
    const [refused] = await resultsUntil(client, costly, {}, first).catch(refusedAs);
    const [query] = await resultsUntil(client, `query { accounts { totalCount } }`, {}, first).catch(refusedAs);
    await client.dispose();
    expect(codes(refused)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(codes(query)).toEqual(["BAD_REQUEST"]);
  });
});
