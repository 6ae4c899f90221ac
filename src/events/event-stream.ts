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

/** An outbox row as `streamedEventColumns` selects it (over `domain_events event LEFT JOIN accounts account`). */
export interface StreamedEventRow {
  id: string;
  type: string;
  occurred_at: Date | string;
  rules_version: string | null;
  account_id: string | null;
  subject_id: string | null;
  partner_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The select list of a StreamedEventRow, over `domain_events event LEFT JOIN accounts account ON account.id = event.account_id`. */
export const streamedEventColumns = `event.id::text AS id, event.type, event.occurred_at, event.rules_version, event.account_id, event.subject_id,
  account.partner_id, event.before, event.after`;

export function streamedEventOf(row: StreamedEventRow): StreamedEvent {
  return {
    id: row.id,
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    rulesVersion: row.rules_version,
    accountId: row.account_id,
    subjectId: row.subject_id,
    partnerId: row.partner_id,
    before: row.before,
    after: row.after,
  };
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
