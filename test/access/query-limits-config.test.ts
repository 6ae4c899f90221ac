import { randomUUID } from "node:crypto";
import { defaultLimitsByRole, limitsWithOverrides } from "../../src/access/query-limits";
import { noPersonalDataAccess, Role } from "../../src/access/roles";
import { loadConfig } from "../../src/config";
import { errorCodes, startTestApp } from "../support/test-app";

describe("query limits configured per role (QUERY_LIMITS)", () => {
  test("when no overrides are given, then every role keeps the documented defaults", () => {
    expect(loadConfig({}).queryLimits).toEqual(defaultLimitsByRole);
    expect(defaultLimitsByRole[Role.PARTNER]).toMatchObject({ depth: 6, aliases: 15, tokens: 1_000, cost: 1_000 });
  });

  test("when a role's limits are overridden, then only those change", () => {
    const limits = loadConfig({
      QUERY_LIMITS: JSON.stringify({ partner: { cost: 500, rateLimit: { capacity: 500, leakPerSecond: 25 } }, internal: { depth: 12 } }),
    }).queryLimits;
    expect(limits[Role.PARTNER]).toEqual({ ...defaultLimitsByRole[Role.PARTNER], cost: 500, rateLimit: { capacity: 500, leakPerSecond: 25 } });
    expect(limits[Role.INTERNAL].depth).toBe(12);
    expect(limits[Role.ANALYST]).toEqual(defaultLimitsByRole[Role.ANALYST]);
  });

  test.each([
    ["an unknown role", { auditor: { depth: 3 } }, /must NOT have additional properties/],
    ["an unknown limit", { partner: { breadth: 3 } }, /\/partner must NOT have additional properties/],
    ["a limit below 1", { partner: { depth: 0 } }, /\/partner\/depth must be >= 1/],
    ["a bucket without its rate", { partner: { rateLimit: { capacity: 10 } } }, /leakPerSecond/],
  ])("when the overrides name %s, then they are refused, saying where", (_name, overrides, message) => {
    expect(() => limitsWithOverrides(overrides)).toThrow(message);
  });

  test.each([
    ["a partner cost above the default bucket", { partner: { cost: 2_000 } }, "/partner cost 2000 is above its rateLimit capacity 1000"],
    [
      "an analyst bucket below the default cost",
      { analyst: { rateLimit: { capacity: 100, leakPerSecond: 5 } } },
      "/analyst cost 50000 is above its rateLimit capacity 100",
    ],
  ])("when the overrides give %s, then they are refused: such requests would get 429 forever", (_name, overrides, message) => {
    expect(() => limitsWithOverrides(overrides)).toThrow(message);
  });

  test("when a role's cost is raised with its bucket, or its bucket removed, then the overrides are taken", () => {
    expect(limitsWithOverrides({ partner: { cost: 2_000, rateLimit: { capacity: 2_000, leakPerSecond: 100 } } })[Role.PARTNER].cost).toBe(2_000);
    expect(limitsWithOverrides({ partner: { cost: 2_000, rateLimit: null } })[Role.PARTNER].rateLimit).toBeNull();
  });

  test("when QUERY_LIMITS puts a cost above its bucket, then the boot stops, naming the variable", () => {
    expect(() => loadConfig({ QUERY_LIMITS: JSON.stringify({ partner: { cost: 5_000 } }) })).toThrow(/QUERY_LIMITS: .*above its rateLimit capacity/);
  });

  test("when QUERY_LIMITS is not JSON, then the boot stops, naming the variable", () => {
    expect(() => loadConfig({ QUERY_LIMITS: "{cost: 5" })).toThrow(/QUERY_LIMITS: /);
  });

  test("when the server runs with a stricter partner cost, then a query over it is refused with MAX_COST_EXCEEDED", async () => {
    const app = await startTestApp({ limits: limitsWithOverrides({ partner: { cost: 50 } }) });
    try {
      const partner = {
        keyId: randomUUID(),
        keyPrefix: "cgk_strict",
        keyName: "cgk_strict",
        role: Role.PARTNER,
        partnerId: randomUUID(),
        personalData: noPersonalDataAccess,
      };
      const result = await app.executeText(`{ accounts(first: 20) { nodes { id name } } }`, undefined, partner);
      expect(errorCodes(result)).toEqual(["MAX_COST_EXCEEDED"]);
      expect(result.errors?.[0].message).toContain("the limit is 50");
    } finally {
      await app.close();
    }
  });
});
