import { Caller, noPersonalDataAccess, Role } from "../../src/access/roles";
import { AccountPoliciesDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { stringMatching } from "../support/matchers";

const partner: Caller = {
  keyId: "33333333-3333-3333-3333-333333333333",
  keyPrefix: "cgk_partner3",
  keyName: "cgk_partner3",
  role: Role.PARTNER,
  partnerId: "44444444-4444-4444-4444-444444444444",
  personalData: noPersonalDataAccess,
};

describe("request ids, internal errors and the audit log", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when the database fails under a request, then the client gets INTERNAL_SERVER_ERROR with a request id and no SQL, and the log has the cause under that id", async () => {
    const account = await createAccount(app.dataSource);
    await app.dataSource.query("ALTER TABLE account_assessments RENAME TO account_assessments_hidden");
    try {
      const result = await app.execute(AccountPoliciesDocument, { id: account.globalId });
      const [error] = result.errors ?? [];
      expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: stringMatching(/^[0-9a-f-]{36}$/) });
      expect(error.message).toBe("Internal server error");
      expect(JSON.stringify(result)).not.toMatch(/account_assessments|relation|SELECT/i);
      expect(String(app.internalErrors.at(-1))).toMatch(/account_assessments/);
      expect(app.internalErrorRequestIds.at(-1)).toBe(error.extensions?.requestId);
    } finally {
      await app.dataSource.query("ALTER TABLE account_assessments_hidden RENAME TO account_assessments");
      app.internalErrors.length = 0;
    }
  });

  test("when a partner sends requests, then each is audited with its key, operation, cost, duration and outcome", async () => {
    await app.executeText("query Versions { ruleSets { version } }", undefined, partner);
    await app.executeText("{ __schema { types { name } } }", undefined, partner);
    await app.executeText("query Internal { ruleSets { version } }");
    expect(app.auditEntries.map(({ keyId, operationName, cost, outcome }) => ({ keyId, operationName, cost, outcome }))).toEqual([
      { keyId: partner.keyId, operationName: "Versions", cost: 2, outcome: "ok" },
      { keyId: partner.keyId, operationName: null, cost: null, outcome: "INTROSPECTION_DISABLED" },
    ]);
    expect(app.auditEntries.every((entry) => entry.durationMilliseconds >= 0 && entry.requestId.length === 36)).toBe(true);
  });
});
