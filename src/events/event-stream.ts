/** A domain event as subscribers receive it: the outbox row, with the partner its account belongs to. */
export interface StreamedEvent {
  /** The outbox id, as a string (a bigint): a subscriber resumes after it with `since`. */
  id: string;
  type: string;
  occurredAt: Date;
  rulesVersion: string | null;
  accountId: string | null;
  subjectId: string | null;
  /** The partner that looks after the event's account; null for our direct accounts and rule-set events. */
  partnerId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface EventSubscription {
  /** Only the events this accepts (the caller's scope and the subscription's own filter). */
  accepts: (event: StreamedEvent) => boolean;
  /** Replays the kept events after this id first; null: only what comes from now on. */
  since: string | null;
}

/**
 * What the subscription resolvers need: the events of every process, as they are appended. The server
 * hands one in through the request context (src/subscriptions/event-feed.ts implements it).
 */
export interface EventStream {
  subscribe(subscription: EventSubscription): AsyncIterableIterator<StreamedEvent>;
}
