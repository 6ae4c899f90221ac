import { randomUUID } from "node:crypto";
import { print } from "graphql";
import { Role } from "../../src/access/roles";
import { Ticket } from "../../src/tickets/ticket.entity";
import { TicketOpenDocument, TicketOpenMutationVariables } from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { answerCodes, HttpTestServer, startHttpTestServer } from "../support/http-test-server";
import { anyNumber } from "../support/matchers";

const ghostAccountId = Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64");

/** What a refused ticketOpen answers: the client's id echoed, every node field null, the refusal in userErrors; the cost, as every answer to an internal key. */
function refusedOpening(clientMutationId: string, accountId: string) {
  return {
    extensions: { cost: { requested: 104, limit: 50_000 } },
    data: {
      ticketOpen: {
        clientMutationId,
        ticket: null,
        ticketEdge: null,
        account: null,
        userErrors: [{ field: ["input", "accountId"], message: `No Account with id "${accountId}"`, code: "NOT_FOUND", reason: null }],
      },
    },
  };
}

describe("payload mutations over HTTP", () => {
  let server: HttpTestServer;
  let internalKey: string;
  beforeAll(async () => {
    server = await startHttpTestServer();
    internalKey = (await server.createKey(Role.INTERNAL)).key;
  });
  afterAll(() => server.close());

  const ticketOpen = (variables: TicketOpenMutationVariables) => ({ query: print(TicketOpenDocument), variables });
  const opening = (accountId: string, clientMutationId: string): TicketOpenMutationVariables => ({
    input: { accountId, clientMutationId, subject: "Printer on fire", category: "INCIDENT", severity: "HIGH", channel: "EMAIL" },
  });
  const ticketsOf = (accountId: string) => server.dataSource.getRepository(Ticket).countBy({ accountId });

  test("when a payload mutation is refused, then the answer is HTTP 200 with the refusal in userErrors and no errors", async () => {
    const answer = await server.post(internalKey, ticketOpen(opening(ghostAccountId, "http-1")));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.body).toEqual(refusedOpening("http-1", ghostAccountId));
  });

  test("when a refused payload mutation is retried with its Idempotency-Key, then the stored answer comes back as it was, and nothing is written", async () => {
    const account = await createAccount(server.dataSource);
    const key = randomUUID();
    const first = await server.post(internalKey, ticketOpen(opening(ghostAccountId, "keyed")), { "idempotency-key": key });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(refusedOpening("keyed", ghostAccountId));
    const retry = await server.post(internalKey, ticketOpen(opening(ghostAccountId, "keyed")), { "idempotency-key": key });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);

    const succeeded = await server.post(internalKey, ticketOpen(opening(account.globalId, "keyed-ok")), { "idempotency-key": randomUUID() });
    expect(answerCodes(succeeded)).toEqual([]);
    expect(succeeded.body.data).toMatchObject({ ticketOpen: { clientMutationId: "keyed-ok", userErrors: [], account: { tickets: { totalCount: 1 } } } });
    expect(await ticketsOf(account.id)).toBe(1);
  });

  test("when a partner opens a ticket on an account it does not serve, then HTTP 200 says NOT_FOUND in userErrors, with the request's cost", async () => {
    const partner = await createPartner(server.dataSource);
    const foreign = await createAccount(server.dataSource);
    const partnerKey = (await server.createKey(Role.PARTNER, partner.id)).key;
    const answer = await server.post(partnerKey, ticketOpen(opening(foreign.globalId, "partner")));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual(refusedOpening("partner", foreign.globalId).data);
    expect(answer.body.extensions?.cost).toMatchObject({ requested: anyNumber(), remaining: anyNumber() });
    expect(await ticketsOf(foreign.id)).toBe(0);
  });
});
