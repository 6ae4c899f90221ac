import { randomUUID } from "node:crypto";
import { Caller, noPersonalDataAccess, Role } from "../../src/access/roles";
import { startTestApp, TestApp } from "../support/test-app";

/** A query a partner may send that costs 401 points: 1 + 100 accounts × (the node list and its 3 fields). */
const costly = `{ accounts(first: 100) { nodes { id name industry } } }`;

describe("the per-key rate limit (a leaky bucket of 1,000 points draining 50 a second for partners)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const newPartner = (): Caller => ({ keyId: randomUUID(), keyPrefix: "cgk_rate", role: Role.PARTNER, partnerId: randomUUID(), personalData: noPersonalDataAccess });

  test("when a partner asks within its bucket, then the response shows the cost and what is left", async () => {
    const result = await app.executeText(costly, undefined, newPartner());
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 401, actual: 401, limit: 1000, remaining: 599, resetAt: expect.any(String) });
  });

  test("when ten requests of 401 points arrive at once, then exactly two fit and the rest get 429 with Retry-After and the bucket state", async () => {
    const caller = newPartner();
    const results = await Promise.all(Array.from({ length: 10 }, () => app.executeText(costly, undefined, caller)));
    const refused = results.filter((result) => result.errors?.[0]?.extensions?.code === "RATE_LIMITED");
    expect(results.length - refused.length).toBe(2);
    for (const result of refused) {
      expect(result.http.status).toBe(429);
      const extensions = result.errors![0].extensions!;
      expect(extensions.retryAfter).toBeGreaterThanOrEqual(1);
      expect(extensions.cost).toMatchObject({ requested: 401, limit: 1000, remaining: expect.any(Number), resetAt: expect.any(String) });
    }
  });

  test("when a partner waits for the bucket to drain, then it may ask again", async () => {
    const caller = newPartner();
    await app.executeText(costly, undefined, caller);
    await app.executeText(costly, undefined, caller);
    const refused = await app.executeText(costly, undefined, caller);
    expect(refused.http.status).toBe(429);
    const retryAfter = refused.errors![0].extensions!.retryAfter as number;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const again = await app.executeText(costly, undefined, caller);
    expect(again.errors).toBeUndefined();
  });

  test("when internal front-ends ask, then no bucket applies", async () => {
    for (let request = 0; request < 5; request++) {
      const result = await app.executeText(costly);
      expect(result.errors).toBeUndefined();
      expect(result.extensions?.cost).toEqual({ requested: 401, limit: 50000 });
    }
  });
});
