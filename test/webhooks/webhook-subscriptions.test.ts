import { databaseIdOf, encodeGlobalId } from "../../src/shared/global-id";
import { Partner } from "../../src/partners/partner.entity";
import {
  CreateWebhookSubscriptionDocument,
  CreateWebhookSubscriptionInput,
  DisableWebhookSubscriptionDocument,
  WebhookDeliveriesDocument,
  WebhookSubscriptionNodeDocument,
  WebhookSubscriptionsDocument,
} from "../generated/graphql";
import { createAccount, createPartner } from "../support/factories";
import { errorCodes, internalCaller, partnerCaller, startTestApp, TestApp } from "../support/test-app";

describe("webhook subscriptions: registered by staff, read by their partner", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const inputFor = (partner: Partner, overrides: Partial<CreateWebhookSubscriptionInput> = {}): CreateWebhookSubscriptionInput => ({
    partnerId: partner.globalId,
    url: "https://hooks.example.com/customer-graph",
    eventTypes: ["ticket.opened", "ticket.slaBreached"],
    clientMutationId: "register-1",
    ...overrides,
  });

  async function subscribe(partner: Partner, overrides: Partial<CreateWebhookSubscriptionInput> = {}) {
    const result = await app.execute(CreateWebhookSubscriptionDocument, { input: inputFor(partner, overrides) });
    expect(result.errors).toBeUndefined();
    return result.data!.createWebhookSubscription!;
  }

  /** A relayed event of the account and a delivery of it to the subscription, as the relay's consumer writes them. */
  async function deliveryOf(subscriptionGlobalId: string, partner: Partner, accountId: string): Promise<void> {
    const subscriptionId = databaseIdOf("WebhookSubscription", subscriptionGlobalId);
    await app.dataSource.query(
      `WITH event AS (
         INSERT INTO domain_events (type, occurred_at, account_id, subject_id, after, relayed_at)
         VALUES ('account.tierChanged', now(), $1, $1, '{"tier": "gold"}', now()) RETURNING id
       )
       INSERT INTO webhook_deliveries (subscription_id, event_id, partner_id) SELECT $2, id, $3 FROM event`,
      [accountId, subscriptionId, partner.id],
    );
  }

  it("when staff registers an endpoint, then the payload has the subscription, active, and a whsec_ signing secret shown once", async () => {
    const partner = await createPartner(app.dataSource);
    const payload = await subscribe(partner);
    expect(payload).toMatchObject({
      clientMutationId: "register-1",
      userErrors: [],
      webhookSubscription: {
        url: "https://hooks.example.com/customer-graph",
        eventTypes: ["ticket.opened", "ticket.slaBreached"],
        active: true,
        createdBy: internalCaller.keyPrefix,
        partner: { id: partner.globalId },
      },
    });
    expect(payload.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(payload.signingSecret!.slice("whsec_".length), "base64")).toHaveLength(32);
  });

  it("when a partner's key registers an endpoint, then it is FORBIDDEN and nothing is written", async () => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(CreateWebhookSubscriptionDocument, { input: inputFor(partner) }, partnerCaller(partner));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(await app.dataSource.query(`SELECT 1 FROM webhook_subscriptions WHERE partner_id = $1`, [partner.id])).toEqual([]);
  });

  it.each([
    ["a URL of another scheme", { url: "ftp://hooks.example.com/x" }, ["input", "url"], "BAD_USER_INPUT", "INVALID_URL"],
    ["no URL at all", { url: "not a url" }, ["input", "url"], "BAD_USER_INPUT", "INVALID_URL"],
    ["an unknown event type", { eventTypes: ["ticket.opened", "ticket.exploded"] }, ["input", "eventTypes", "1"], "BAD_USER_INPUT", "UNKNOWN_EVENT_TYPE"],
    ["the retention risk", { eventTypes: ["account.retentionRiskChanged"] }, ["input", "eventTypes", "0"], "BAD_USER_INPUT", "EVENT_TYPE_NOT_FOR_PARTNERS"],
    ["rule-set changes", { eventTypes: ["ruleSet.activated"] }, ["input", "eventTypes", "0"], "BAD_USER_INPUT", "EVENT_TYPE_NOT_FOR_PARTNERS"],
    ["no event types", { eventTypes: [] }, ["input", "eventTypes"], "BAD_USER_INPUT", "NO_EVENT_TYPES"],
  ])("when staff registers %s, then userErrors say why and nothing is written", async (_case, overrides, field, code, reason) => {
    const partner = await createPartner(app.dataSource);
    const result = await app.execute(CreateWebhookSubscriptionDocument, { input: inputFor(partner, overrides) });
    expect(result.data!.createWebhookSubscription).toMatchObject({ webhookSubscription: null, signingSecret: null, userErrors: [{ field, code, reason }] });
    expect(await app.dataSource.query(`SELECT 1 FROM webhook_subscriptions WHERE partner_id = $1`, [partner.id])).toEqual([]);
  });

  it("when staff registers an endpoint for a partner that does not exist, then userErrors say NOT_FOUND on input.partnerId", async () => {
    const ghost = Object.assign(new Partner(), { id: "00000000-0000-4000-8000-000000000000" });
    const result = await app.execute(CreateWebhookSubscriptionDocument, { input: inputFor(ghost) });
    expect(result.data!.createWebhookSubscription!.userErrors).toMatchObject([{ field: ["input", "partnerId"], code: "NOT_FOUND" }]);
  });

  it("when a partner lists subscriptions, then it sees its own only, and node(id) of another partner's is null", async () => {
    const partner = await createPartner(app.dataSource);
    const stranger = await createPartner(app.dataSource);
    const own = await subscribe(partner);
    const theirs = await subscribe(stranger);
    const ownList = await app.execute(WebhookSubscriptionsDocument, { partnerId: partner.globalId }, partnerCaller(partner));
    expect(ownList.data!.webhookSubscriptions).toMatchObject({ totalCount: 1, nodes: [{ id: own.webhookSubscription!.id, active: true }] });
    const strangers = await app.execute(WebhookSubscriptionsDocument, { partnerId: stranger.globalId }, partnerCaller(partner));
    expect(strangers.data!.webhookSubscriptions).toMatchObject({ totalCount: 0, nodes: [] });
    const node = await app.execute(WebhookSubscriptionNodeDocument, { id: theirs.webhookSubscription!.id }, partnerCaller(partner));
    expect(node.data!.node).toBeNull();
    const staffList = await app.execute(WebhookSubscriptionsDocument, { partnerId: stranger.globalId });
    expect(staffList.data!.webhookSubscriptions.nodes).toEqual([expect.objectContaining({ id: theirs.webhookSubscription!.id })]);
  });

  it("when a partner reads who registered a subscription, then it is FORBIDDEN: the key is staff's business", async () => {
    const partner = await createPartner(app.dataSource);
    await subscribe(partner);
    const query = `query ($id: ID!) { webhookSubscriptions(partnerId: $id) { nodes { createdBy } } }`;
    const result = await app.executeText(query, { id: partner.globalId }, partnerCaller(partner));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });

  it("when a partner lists deliveries, then it sees its own subscriptions' and none of another partner's", async () => {
    const partner = await createPartner(app.dataSource);
    const stranger = await createPartner(app.dataSource);
    const own = (await subscribe(partner)).webhookSubscription!.id;
    const theirs = (await subscribe(stranger)).webhookSubscription!.id;
    await deliveryOf(own, partner, (await createAccount(app.dataSource, { partnerId: partner.id })).id);
    await deliveryOf(theirs, stranger, (await createAccount(app.dataSource, { partnerId: stranger.id })).id);
    const ownDeliveries = await app.execute(WebhookDeliveriesDocument, { subscriptionId: own }, partnerCaller(partner));
    expect(ownDeliveries.errors).toBeUndefined();
    expect(ownDeliveries.data!.webhookDeliveries).toMatchObject({
      totalCount: 1,
      nodes: [{ status: "PENDING", attemptCount: 0, attempts: [], subscription: { id: own } }],
    });
    const strangers = await app.execute(WebhookDeliveriesDocument, { subscriptionId: theirs }, partnerCaller(partner));
    expect(strangers.data!.webhookDeliveries).toMatchObject({ totalCount: 0, nodes: [] });
    const pending = await app.execute(WebhookDeliveriesDocument, { subscriptionId: theirs, status: "PENDING" });
    expect(pending.data!.webhookDeliveries.totalCount).toBe(1);
    const delivered = await app.execute(WebhookDeliveriesDocument, { subscriptionId: theirs, status: "DELIVERED" });
    expect(delivered.data!.webhookDeliveries.totalCount).toBe(0);
  });

  it("when staff disables a subscription twice, then it is inactive since the first time; a partner may not disable one", async () => {
    const partner = await createPartner(app.dataSource);
    const id = (await subscribe(partner)).webhookSubscription!.id;
    const refused = await app.execute(DisableWebhookSubscriptionDocument, { input: { webhookSubscriptionId: id } }, partnerCaller(partner));
    expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
    const first = await app.execute(DisableWebhookSubscriptionDocument, { input: { webhookSubscriptionId: id } });
    const again = await app.execute(DisableWebhookSubscriptionDocument, { input: { webhookSubscriptionId: id } });
    expect(first.data!.disableWebhookSubscription!.webhookSubscription).toMatchObject({ id, active: false });
    expect(again.data!.disableWebhookSubscription!.webhookSubscription!.disabledAt).toBe(
      first.data!.disableWebhookSubscription!.webhookSubscription!.disabledAt,
    );
    const ghost = encodeGlobalId("WebhookSubscription", "00000000-0000-4000-8000-000000000000");
    const missing = await app.execute(DisableWebhookSubscriptionDocument, { input: { webhookSubscriptionId: ghost } });
    expect(missing.data!.disableWebhookSubscription!.userErrors).toMatchObject([{ field: ["input", "webhookSubscriptionId"], code: "NOT_FOUND" }]);
  });
});
