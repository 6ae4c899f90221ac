import { randomUUID } from "node:crypto";
import { Caller, noPersonalDataAccess, Role } from "../../src/access/roles";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";
import { anyNumber, anyString } from "../support/matchers";

/** A query a partner may send that costs 401 points: 1 + 100 accounts × (the node list and its 3 fields). */
const costly = `{ accounts(first: 100) { nodes { id name industry } } }`;

/** A partner key of its own, so that each test starts with an empty bucket. */
const newPartner = (): Caller => ({
  keyId: randomUUID(),
  keyPrefix: "cgk_rate",
  keyName: "cgk_rate",
  role: Role.PARTNER,
  partnerId: randomUUID(),
  personalData: noPersonalDataAccess,
});

describe("the per-key rate limit (a leaky bucket of 1,000 points draining 50 a second for partners)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test("when a partner asks within its bucket, then the response shows the cost and what is left", async () => {
    const result = await app.executeText(costly, undefined, newPartner());
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ requested: 401, actual: 401, limit: 1000, remaining: 599, resetAt: anyString() });
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
      expect(extensions.cost).toMatchObject({ requested: 401, limit: 1000, remaining: anyNumber(), resetAt: anyString() });
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

describe("the cost charged for a document, with its variables", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const requested = (result: { extensions?: Record<string, unknown> }) => (result.extensions?.cost as { requested?: number } | undefined)?.requested;
  const big = `query Big($big: Boolean!) { accounts(first: 100) { nodes { name orders(first: 100) @include(if: $big) { nodes { id total { amount } } } } } }`;

  test("when @include turns a costly list on after a cheap request of the same document, then it is costed at its own 40,301 points and refused", async () => {
    const partner = newPartner();
    const cheap = await app.executeText(big, { big: false }, partner);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.extensions?.cost).toMatchObject({ requested: 201, remaining: 799 });
    const costly = await app.executeText(big, { big: true }, partner);
    expect(errorCodes(costly)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(requested(costly)).toBe(40_301);
    expect(requested(await app.executeText(big, { big: true }))).toBe(40_301);
  });

  test("when the costly request of a document comes first, then a cheap one of the same document is still served at its own cost", async () => {
    const document = big.replace("query Big", "query BigFirst");
    const partner = newPartner();
    expect(errorCodes(await app.executeText(document, { big: true }, partner))).toEqual(["MAX_COST_EXCEEDED"]);
    const cheap = await app.executeText(document, { big: false }, partner);
    expect(cheap.errors).toBeUndefined();
    expect(requested(cheap)).toBe(201);
  });

  test("when @skip on a fragment spread leaves a costly list out, then only the rest is charged; when it keeps it, then it is refused", async () => {
    const document = `query Skipped($small: Boolean!) { accounts(first: 100) { nodes { name ...Orders @skip(if: $small) } } } fragment Orders on Account { orders(first: 100) { nodes { id total { amount } } } }`;
    const partner = newPartner();
    expect(requested(await app.executeText(document, { small: true }, partner))).toBe(201);
    const costly = await app.executeText(document, { small: false }, partner);
    expect(errorCodes(costly)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(requested(costly)).toBe(40_301);
  });

  test("when a page size with a default is sent as null and then omitted, then each is charged as it runs: the default page, then the variable's default", async () => {
    const document = `query Paged($n: Int = 100) { accounts(first: $n) { nodes { id } } }`;
    const partner = newPartner();
    expect(requested(await app.executeText(document, { n: null }, partner))).toBe(41);
    expect(requested(await app.executeText(document, {}, partner))).toBe(201);
  });

  test("when a directive's condition with a default is sent as null, then the request is refused before anything runs, not served uncharged", async () => {
    const document = `query Flagged($flag: Boolean = true) { accounts(first: 100) { totalCount nodes { name orders(first: 100) @include(if: $flag) { nodes { id } } } } }`;
    const result = await app.executeText(document, { flag: null }, newPartner());
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.http.status).toBe(400);
    expect(result.errors?.[0].message).toContain("cost cannot be computed");
    expect(result.data).toBeUndefined();
  });
});
