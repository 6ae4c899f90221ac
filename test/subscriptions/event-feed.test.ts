import { DataSource } from "typeorm";
import { appendEvents, DomainEvent } from "../../src/events/domain-events";
import { StreamedEvent } from "../../src/events/event-stream";
import { EventFeed, maximumUnreadEvents } from "../../src/subscriptions/event-feed";
import { createAccount } from "../support/factories";
import { openTestDataSource } from "../support/test-database";

const event = (accountId: string, subject: string): DomainEvent => ({
  type: "ticket.opened",
  occurredAt: new Date(),
  rulesVersion: null,
  accountId,
  subjectId: null,
  before: null,
  after: { subject },
});

describe("the event feed: each event once, in id order, past ids that never come", () => {
  let dataSource: DataSource;
  let feed: EventFeed;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
    feed = await EventFeed.start(dataSource, { pollMilliseconds: 20, gapMilliseconds: 300, onError: () => undefined });
  });
  afterAll(async () => {
    await feed.close();
    await dataSource.destroy();
  });

  async function next(events: AsyncIterableIterator<StreamedEvent>): Promise<StreamedEvent> {
    const result: IteratorResult<StreamedEvent> = await events.next();
    if (result.done) throw new Error("the stream ended");
    return result.value;
  }

  test("when a transaction that took an id rolls back, then the events after it wait for it a while and then come, once, in order", async () => {
    const account = await createAccount(dataSource);
    const events = feed.subscribe({ since: null, accepts: (streamedEvent) => streamedEvent.accountId === account.id });
    const first = next(events);
    await appendEvents(dataSource.manager, [event(account.id, "before the gap")]);
    expect((await first).after).toEqual({ subject: "before the gap" });
    await dataSource
      .transaction(async (manager) => {
        await appendEvents(manager, [event(account.id, "rolled back")]);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    const appendedAt = Date.now();
    await appendEvents(dataSource.manager, [event(account.id, "after the gap"), event(account.id, "and another")]);
    const afterGap = await next(events);
    expect(Date.now() - appendedAt).toBeGreaterThanOrEqual(250);
    expect(afterGap.after).toEqual({ subject: "after the gap" });
    expect((await next(events)).after).toEqual({ subject: "and another" });
    await events.return?.();

    const replayed = feed.subscribe({ since: String(Number(afterGap.id) - 2), accepts: (streamedEvent) => streamedEvent.accountId === account.id });
    expect([(await next(replayed)).after, (await next(replayed)).after]).toEqual([{ subject: "after the gap" }, { subject: "and another" }]);
    await replayed.return?.();
  });

  test("when a subscriber stops reading, then it is ended once it is more than the bound behind, with the id to resume after, having lost nothing", async () => {
    const account = await createAccount(dataSource);
    const events = feed.subscribe({ since: null, accepts: (streamedEvent) => streamedEvent.accountId === account.id });
    const first = next(events);
    await appendEvents(dataSource.manager, [event(account.id, "read")]);
    await first;
    const stalled = Array.from({ length: maximumUnreadEvents + 50 }, (_, index) => event(account.id, `unread ${index}`));
    await appendEvents(dataSource.manager, stalled);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const received: StreamedEvent[] = [];
    let ending: unknown;
    try {
      for (;;) received.push(await next(events));
    } catch (error) {
      ending = error;
    }
    expect(received.length).toBeGreaterThanOrEqual(maximumUnreadEvents);
    expect(received.length).toBeLessThan(stalled.length);
    expect(ending).toMatchObject({ extensions: { code: "SUBSCRIBER_BEHIND", lastEventId: received[received.length - 1].id } });

    const resumed = feed.subscribe({ since: received[received.length - 1].id, accepts: (streamedEvent) => streamedEvent.accountId === account.id });
    const rest: StreamedEvent[] = [];
    while (received.length + rest.length < stalled.length) rest.push(await next(resumed));
    await resumed.return?.();
    expect([...received, ...rest].map((streamedEvent) => streamedEvent.after)).toEqual(stalled.map((appended) => appended.after));
  });
});
