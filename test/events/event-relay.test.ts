import { DataSource } from "typeorm";
import { appendEvents, DomainEvent, pruneRelayedEvents } from "../../src/events/domain-events";
import { relayEvents } from "../../src/events/event-relay";
import { StreamedEvent } from "../../src/events/event-stream";
import { createAccount, createPartner } from "../support/factories";
import { openTestDataSource } from "../support/test-database";

function tierChanged(accountId: string, tier: string): DomainEvent {
  return {
    type: "account.tierChanged",
    occurredAt: new Date(),
    rulesVersion: "test",
    accountId,
    subjectId: accountId,
    before: null,
    after: { tier },
  };
}

/** The outbox relay: what turns events into jobs (SLA checks, webhook deliveries), each event once. */
describe("the outbox relay", () => {
  const dataSources: DataSource[] = [];
  beforeAll(async () => {
    for (let index = 0; index < 3; index++) dataSources.push(await openTestDataSource());
  });
  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
  });

  test("when three processes relay at once, then each event reaches one of them exactly once, with its account's partner, oldest first", async () => {
    const partner = await createPartner(dataSources[0]);
    const account = await createAccount(dataSources[0], { partnerId: partner.id });
    const tiers = Array.from({ length: 1_200 }, (_, index) => `tier ${index}`);
    await dataSources[0].transaction((manager) =>
      appendEvents(
        manager,
        tiers.map((tier) => tierChanged(account.id, tier)),
      ),
    );

    const received: StreamedEvent[][] = [[], [], []];
    await Promise.all(
      dataSources.map(async (dataSource, index) => {
        const consume = async (_manager: unknown, events: readonly StreamedEvent[]) => void received[index].push(...events);
        while ((await relayEvents(dataSource, [consume])) > 0);
      }),
    );

    const ours = received.map((events) => events.filter((event) => event.accountId === account.id));
    expect(
      ours
        .flat()
        .map((event) => event.after!.tier)
        .sort(),
    ).toEqual([...tiers].sort());
    for (const events of ours) {
      expect(events.every((event) => event.partnerId === partner.id)).toBe(true);
      const ids = events.map((event) => Number(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  test("when an event commits after one with a larger id was relayed, then it is relayed still (no position passed over it)", async () => {
    const account = await createAccount(dataSources[0]);
    // A larger id first (as a transaction that took its id later but committed sooner), then the smaller one.
    const [{ newest }]: { newest: string }[] = await dataSources[0].query(`SELECT coalesce(max(id), 0)::text AS newest FROM domain_events`);
    const plantedId = String(BigInt(newest) + 1_000_000n);
    await dataSources[0].query(
      `INSERT INTO domain_events (id, type, occurred_at, account_id, subject_id, after) OVERRIDING SYSTEM VALUE
       VALUES ($1, 'account.tierChanged', now(), $2, $2, '{"tier": "later id"}')`,
      [plantedId, account.id],
    );
    const relayed: StreamedEvent[] = [];
    const consume = async (_manager: unknown, events: readonly StreamedEvent[]) => void relayed.push(...events);
    try {
      while ((await relayEvents(dataSources[1], [consume])) > 0);
      await dataSources[0].transaction((manager) => appendEvents(manager, [tierChanged(account.id, "earlier id")]));
      while ((await relayEvents(dataSources[1], [consume])) > 0);
    } finally {
      // The event feeds of later test files start after the largest id.
      await dataSources[0].query(`DELETE FROM domain_events WHERE id = $1`, [plantedId]);
    }

    const ours = relayed.filter((event) => event.accountId === account.id);
    expect(ours.map((event) => event.after!.tier)).toEqual(["later id", "earlier id"]);
    expect(BigInt(ours[1].id)).toBeLessThan(BigInt(ours[0].id));
  });

  test("when a consumer fails, then nothing of its batch is marked relayed, and the next relay hands the events on again", async () => {
    const account = await createAccount(dataSources[0]);
    await dataSources[0].transaction((manager) => appendEvents(manager, [tierChanged(account.id, "retried")]));
    const failing = async () => {
      throw new Error("the job queue is down");
    };
    await expect(relayEvents(dataSources[0], [failing])).rejects.toThrow(/down/);
    const relayed: StreamedEvent[] = [];
    while ((await relayEvents(dataSources[0], [async (_manager, events) => void relayed.push(...events)])) > 0);
    expect(relayed.filter((event) => event.accountId === account.id).map((event) => event.after!.tier)).toEqual(["retried"]);
  });

  test("when relayed events are older than the retention window, then they are pruned; events not relayed yet and recent ones stay", async () => {
    const account = await createAccount(dataSources[0]);
    const daysAgo = (days: number, tier: string) => ({ ...tierChanged(account.id, tier), occurredAt: new Date(Date.now() - days * 86_400_000) });
    await dataSources[0].transaction((manager) => appendEvents(manager, [daysAgo(10, "old, relayed"), daysAgo(3, "recent, relayed")]));
    while ((await relayEvents(dataSources[0], [])) > 0);
    await dataSources[0].transaction((manager) => appendEvents(manager, [daysAgo(10, "old, not relayed")]));

    expect(await pruneRelayedEvents(dataSources[0], 7)).toBeGreaterThanOrEqual(1);
    const kept: { tier: string }[] = await dataSources[0].query(`SELECT after->>'tier' AS tier FROM domain_events WHERE account_id = $1 ORDER BY id`, [
      account.id,
    ]);
    expect(kept.map((row) => row.tier)).toEqual(["recent, relayed", "old, not relayed"]);
  });
});
