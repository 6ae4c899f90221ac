import { Caller, fullPersonalDataAccess, noPersonalDataAccess, Role } from "../../src/access/roles";
import { AccountPoliciesDocument, PlaceOrderAndAssessDocument } from "../generated/graphql";
import { createAccount, createPartner, createTicket } from "../support/factories";
import { errorCodes, internalCaller, partnerCaller, startTestApp, TestApp } from "../support/test-app";
import { anyString } from "../support/matchers";

const partner: Caller = {
  keyId: "55555555-5555-5555-5555-555555555555",
  keyPrefix: "cgk_partner5",
  keyName: "cgk_partner5",
  role: Role.PARTNER,
  partnerId: "66666666-6666-6666-6666-666666666666",
  personalData: noPersonalDataAccess,
};
const analyst: Caller = {
  keyId: "77777777-7777-7777-7777-777777777777",
  keyPrefix: "cgk_analyst",
  keyName: "cgk_analyst",
  role: Role.ANALYST,
  partnerId: null,
  personalData: fullPersonalDataAccess,
};

describe("what each role may do", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const order = (accountId: string, caller: Caller) =>
    app.execute(
      PlaceOrderAndAssessDocument,
      { input: { accountId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "10.00", currency: "USD" } }] } },
      caller,
    );

  test("when a partner or an analyst places an order, then it is FORBIDDEN and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    for (const caller of [partner, analyst]) {
      const result = await order(account.globalId, caller);
      expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    }
    const [{ orders }]: { orders: number }[] = await app.dataSource.query("SELECT count(*)::int AS orders FROM orders WHERE account_id = $1", [account.id]);
    expect(orders).toBe(0);
  });

  test("when a partner reads an account's policies, then the tier shows but retention, facts and explanations are FORBIDDEN", async () => {
    const ownPartner = await createPartner(app.dataSource);
    const account = await createAccount(app.dataSource, { partnerId: ownPartner.id });
    await order(account.globalId, internalCaller);
    const result = await app.execute(AccountPoliciesDocument, { id: account.globalId }, partnerCaller(ownPartner));
    expect(result.data?.account?.assessment?.tier).toEqual(expect.any(String));
    expect(result.data?.account?.assessment?.facts).toBeNull();
    expect(result.data?.account?.assessment?.explanation).toBeNull();
    expect(result.data?.account?.retention).toBeNull();
    expect(new Set(errorCodes(result))).toEqual(new Set(["FORBIDDEN"]));
    const forAnalyst = await app.execute(AccountPoliciesDocument, { id: account.globalId }, analyst);
    expect(forAnalyst.errors).toBeUndefined();
    expect(forAnalyst.data?.account?.retention?.risk).toEqual(expect.any(String));
  });

  describe("the leaks of issue 10", () => {
    const openTicket = `mutation ($accountId: ID!) {
      openTicket(input: { accountId: $accountId, subject: "Site down", category: INCIDENT, severity: CRITICAL, channel: WEB }) { id }
    }`;

    test("when a partner reads a ticket's service priority, then the level shows but the explanation is FORBIDDEN; an analyst gets it", async () => {
      const ownPartner = await createPartner(app.dataSource);
      const account = await createAccount(app.dataSource, { partnerId: ownPartner.id });
      const opened = await app.executeText<{ openTicket: { id: string } }>(openTicket, { accountId: account.globalId });
      const priorityOf = `query ($id: ID!) { node(id: $id) { ... on Ticket { servicePriority { level explanation { firedRules { rule conditions { fact actual } } } } } } }`;
      const result = await app.executeText<{ node: { servicePriority: { level: string; explanation: unknown } } }>(
        priorityOf,
        { id: opened.data!.openTicket.id },
        partnerCaller(ownPartner),
      );
      expect(result.data?.node.servicePriority).toEqual({ level: anyString(), explanation: null });
      expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
      expect(result.errors?.[0].path).toEqual(["node", "servicePriority", "explanation"]);
      const forAnalyst = await app.executeText<{ node: { servicePriority: { explanation: { firedRules: unknown[] } } } }>(
        priorityOf,
        { id: opened.data!.openTicket.id },
        analyst,
      );
      expect(forAnalyst.errors).toBeUndefined();
      expect(forAnalyst.data?.node.servicePriority.explanation.firedRules.length).toBeGreaterThan(0);
    });

    test("when a partner filters accounts by retention risk, then it is FORBIDDEN naming filter.retentionRisk before any SQL runs; an analyst may", async () => {
      const ownPartner = await createPartner(app.dataSource);
      await createAccount(app.dataSource, { partnerId: ownPartner.id });
      const byRisk = `query ($risk: [String!]) { accounts(filter: { retentionRisk: $risk }) { totalCount } }`;
      const literal = `{ accounts(filter: { status: [ACTIVE], retentionRisk: ["high"] }) { totalCount } }`;
      for (const [document, variables] of [
        [byRisk, { risk: ["high"] }],
        [byRisk, { risk: [] }],
        [literal, undefined],
      ] as const) {
        app.statements.reset();
        const result = await app.executeText(document, variables, partnerCaller(ownPartner));
        expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
        expect(result.errors?.[0]).toMatchObject({ path: ["accounts"], extensions: { field: "filter.retentionRisk" } });
        expect(result.errors?.[0].message).toMatch(/retentionRisk/);
        // The partner's rate-limit bucket is drawn from before execution; nothing else may run.
        expect(app.statements.statements.filter((statement) => !statement.includes("rate_limit_buckets"))).toEqual([]);
      }
      const forAnalyst = await app.executeText<{ accounts: { totalCount: number } }>(byRisk, { risk: ["high"] }, analyst);
      expect(forAnalyst.errors).toBeUndefined();
      expect(forAnalyst.data?.accounts.totalCount).toEqual(expect.any(Number));
    });

    test("when a partner lists the rule sets, then family and version show but lastError and lastErrorAt are FORBIDDEN; an analyst sees them", async () => {
      const ownPartner = await createPartner(app.dataSource);
      const versions = await app.executeText(`{ ruleSets { family version } }`, undefined, partnerCaller(ownPartner));
      expect(versions.errors).toBeUndefined();
      const result = await app.executeText<{ ruleSets: unknown[] }>(`{ ruleSets { family lastError lastErrorAt } }`, undefined, partnerCaller(ownPartner));
      expect(result.data?.ruleSets).toContainEqual({ family: "tiering", lastError: null, lastErrorAt: null });
      expect(new Set(errorCodes(result))).toEqual(new Set(["FORBIDDEN"]));
      expect(new Set(result.errors?.map((error) => error.path?.at(-1)))).toEqual(new Set(["lastError", "lastErrorAt"]));
      const forAnalyst = await app.executeText(`{ ruleSets { family lastError lastErrorAt } }`, undefined, analyst);
      expect(forAnalyst.errors).toBeUndefined();
    });

    test("when an analyst opens a ticket or responds to one, then it is FORBIDDEN and nothing is written; the account's partner may", async () => {
      const ownPartner = await createPartner(app.dataSource);
      const account = await createAccount(app.dataSource, { partnerId: ownPartner.id });
      const ticket = await createTicket(app.dataSource, account.id);
      const respond = `mutation ($id: ID!) { respondToTicket(id: $id) { status } }`;
      expect(errorCodes(await app.executeText(openTicket, { accountId: account.globalId }, analyst))).toEqual(["FORBIDDEN"]);
      expect(errorCodes(await app.executeText(respond, { id: ticket.globalId }, analyst))).toEqual(["FORBIDDEN"]);
      const written = "SELECT count(*)::int AS tickets, count(first_responded_at)::int AS responded FROM tickets WHERE account_id = $1";
      expect(await app.dataSource.query(written, [account.id])).toEqual([{ tickets: 1, responded: 0 }]);
      expect((await app.executeText(openTicket, { accountId: account.globalId }, partnerCaller(ownPartner))).errors).toBeUndefined();
      expect((await app.executeText(respond, { id: ticket.globalId }, partnerCaller(ownPartner))).errors).toBeUndefined();
      expect(await app.dataSource.query(written, [account.id])).toEqual([{ tickets: 2, responded: 1 }]);
    });
  });
});
