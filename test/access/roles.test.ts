import { Caller, fullPersonalDataAccess, noPersonalDataAccess, Role } from "../../src/access/roles";
import { AccountPoliciesDocument, PlaceOrderAndAssessDocument } from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { errorCodes, internalCaller, partnerCaller, startTestApp, TestApp } from "../support/test-app";

const partner: Caller = { keyId: "55555555-5555-5555-5555-555555555555", keyPrefix: "cgk_partner5", role: Role.PARTNER, partnerId: "66666666-6666-6666-6666-666666666666", personalData: noPersonalDataAccess };
const analyst: Caller = { keyId: "77777777-7777-7777-7777-777777777777", keyPrefix: "cgk_analyst", role: Role.ANALYST, partnerId: null, personalData: fullPersonalDataAccess };

describe("what each role may do", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const order = (accountId: string, caller: Caller) =>
    app.execute(PlaceOrderAndAssessDocument, { input: { accountId, channel: "WEB", lines: [{ product: "Thing", quantity: 1, unitPrice: { amount: "10.00", currency: "USD" } }] } }, caller);

  test("when a partner or an analyst places an order, then it is FORBIDDEN and nothing is written", async () => {
    const account = await createAccount(app.dataSource);
    for (const caller of [partner, analyst]) {
      const result = await order(account.globalId, caller);
      expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    }
    const [{ orders }] = await app.dataSource.query("SELECT count(*)::int AS orders FROM orders WHERE account_id = $1", [account.id]);
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
});
