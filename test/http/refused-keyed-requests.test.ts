import { randomUUID } from "node:crypto";
import { defaultLimitsByRole, LimitsByRole } from "../../src/access/query-limits";
import { Role } from "../../src/access/roles";
import { Account } from "../../src/accounts/account.entity";
import { createAccount, createPartner } from "../support/factories";
import { NewApiKey } from "../../src/access/api-keys";
import { answerCodes, HttpAnswer, HttpTestServer, startHttpTestServer } from "../support/http-test-server";

/** A partner bucket small enough to empty in a few requests; the other limits as shipped. */
const limits: LimitsByRole = {
  ...defaultLimitsByRole,
  [Role.PARTNER]: { ...defaultLimitsByRole[Role.PARTNER], rateLimit: { capacity: 1_000, leakPerSecond: 0.001 } },
};

const openTicket = (selection: string) => `mutation Open($accountId: ID!) {
  openTicket(input: { accountId: $accountId, category: QUESTION, channel: EMAIL, severity: LOW, subject: "Refused" }) ${selection}
}`;

/** Each way a keyed mutation is refused before it runs, with the status and code the client gets. */
const refusals: Array<{ kind: string; role: Role; document: string; status: number; code: string }> = [
  {
    kind: "too deep",
    role: Role.PARTNER,
    document: openTicket("{ account { contacts { nodes { account { tickets { nodes { id } } } } } } }"),
    status: 400,
    code: "MAX_DEPTH_EXCEEDED",
  },
  {
    kind: "too many aliases",
    role: Role.PARTNER,
    document: openTicket(`{ ${Array.from({ length: 20 }, (_, index) => `a${index}: id`).join(" ")} }`),
    status: 400,
    code: "MAX_ALIASES_EXCEEDED",
  },
  {
    kind: "too costly",
    role: Role.PARTNER,
    document: openTicket(`{ account { ${Array.from({ length: 11 }, (_, index) => `c${index}: contacts(first: 100) { nodes { id } }`).join(" ")} } }`),
    status: 400,
    code: "MAX_COST_EXCEEDED",
  },
  {
    kind: "too many directives",
    role: Role.PARTNER,
    document: openTicket(`{ ${Array.from({ length: 11 }, () => "id @skip(if: false)").join(" ")} }`),
    status: 400,
    code: "MAX_DIRECTIVES_EXCEEDED",
  },
  {
    kind: "too many tokens",
    role: Role.PARTNER,
    document: openTicket(`{ id ${"... on Ticket { id } ".repeat(220)}}`),
    status: 400,
    code: "MAX_TOKENS_EXCEEDED",
  },
  { kind: "over the rate", role: Role.PARTNER, document: openTicket("{ id }"), status: 429, code: "RATE_LIMITED" },
];

/** Requests sent at once: enough to exhaust any pool that keeps a connection per refused request. */
const inFlight = 10;

async function sendMany(count: number, send: () => Promise<HttpAnswer>): Promise<HttpAnswer[]> {
  const answers: HttpAnswer[] = [];
  for (let sent = 0; sent < count; sent += inFlight) {
    answers.push(...(await Promise.all(Array.from({ length: Math.min(inFlight, count - sent) }, send))));
  }
  return answers;
}

describe("refused requests with an Idempotency-Key, through HTTP", () => {
  let server: HttpTestServer;
  let account: Account;
  const keys = new Map<Role, NewApiKey>();

  beforeAll(async () => {
    server = await startHttpTestServer({ limits });
    const partner = await createPartner(server.dataSource);
    account = await createAccount(server.dataSource, { partnerId: partner.id });
    keys.set(Role.PARTNER, await server.createKey(Role.PARTNER, partner.id));
    keys.set(Role.INTERNAL, await server.createKey(Role.INTERNAL));
  });
  afterAll(() => server.close());

  const ticketsOfAccount = async () =>
    (await server.dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM tickets WHERE account_id = $1", [account.id]))[0].n;

  /** Fills the partner's bucket (it drains very slowly here), so that every next request is over the rate. */
  async function fillTheBucket(): Promise<void> {
    await server.dataSource.query(
      `INSERT INTO rate_limit_buckets (key_id, level, updated_at) VALUES ($1, 1000, clock_timestamp())
       ON CONFLICT (key_id) DO UPDATE SET level = 1000, updated_at = clock_timestamp()`,
      [keys.get(Role.PARTNER)!.id],
    );
  }

  test.each(refusals)(
    "when 100 keyed mutations are refused ($kind), then each gets its code, nothing is written, the pool is idle and the next request is answered at once",
    async (refusal) => {
      if (refusal.code === "RATE_LIMITED") await fillTheBucket();
      const key = keys.get(refusal.role)!.key;
      const ticketsBefore = await ticketsOfAccount();
      server.statements.reset();

      const answers = await sendMany(100, () =>
        server.post(key, { query: refusal.document, variables: { accountId: account.globalId } }, { "idempotency-key": randomUUID() }),
      );

      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([refusal.status]));
      expect(new Set(answers.flatMap(answerCodes))).toEqual(new Set([refusal.code]));
      expect(server.connectionsInUse()).toBe(0);
      // A refused document costs no statement at all; over the rate, only the bucket is asked.
      const statements = server.statementsBesideKeyLookups();
      if (refusal.code === "RATE_LIMITED") expect(statements.every((statement) => /rate_limit_buckets/.test(statement))).toBe(true);
      else expect(statements).toEqual([]);
      const started = Date.now();
      const next = await server.post(keys.get(Role.INTERNAL)!.key, { query: "{ accounts(first: 1) { totalCount } }" });
      expect(next.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await ticketsOfAccount()).toBe(ticketsBefore);
    },
  );

  test("when a 429'd keyed mutation is retried with the same key once the bucket has room, then it runs, once", async () => {
    const partnerKey = keys.get(Role.PARTNER)!.key;
    await fillTheBucket();
    const idempotencyKey = randomUUID();
    const request = { query: openTicket("{ id }"), variables: { accountId: account.globalId } };
    const refused = await server.post(partnerKey, request, { "idempotency-key": idempotencyKey });
    expect(refused.status).toBe(429);
    await server.dataSource.query("DELETE FROM rate_limit_buckets");
    const ticketsBefore = await ticketsOfAccount();

    const retried = await server.post(partnerKey, request, { "idempotency-key": idempotencyKey });
    const replayed = await server.post(partnerKey, request, { "idempotency-key": idempotencyKey });

    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(replayed.body.data).toEqual(retried.body.data);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await ticketsOfAccount()).toBe(ticketsBefore + 1);
    expect(server.connectionsInUse()).toBe(0);
  });
});
