import { DataSource, EntityManager } from "typeorm";

/** The changes that matter, by the names webhooks and subscriptions use. */
export type DomainEventType =
  | "ticket.opened"
  | "ticket.statusChanged"
  | "ticket.priorityChanged"
  | "ticket.slaWarning"
  | "ticket.slaBreached"
  | "account.tierChanged"
  | "account.lifecycleStageChanged"
  | "account.retentionRiskChanged"
  | "ruleSet.activated";

export interface DomainEvent {
  type: DomainEventType;
  occurredAt: Date;
  rulesVersion: string | null;
  /** The account the event is about (partners see the events of their own accounts); null for ruleSet.activated. */
  accountId: string | null;
  /** The ticket or account that changed. */
  subjectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Appends events to the outbox (domain_events) in the caller's transaction: no event without its change,
 * no change without its event. Ids grow with each append; a reader must expect a smaller id to commit after
 * a larger one (two transactions appending at once).
 */
export async function appendEvents(manager: EntityManager, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO domain_events (type, occurred_at, rules_version, account_id, subject_id, before, after)
     SELECT type, occurred_at, rules_version, account_id, subject_id, before, after
       FROM jsonb_to_recordset($1::jsonb) AS event (type text, occurred_at timestamptz, rules_version text, account_id uuid, subject_id uuid, before jsonb, after jsonb)`,
    [
      JSON.stringify(
        events.map((event) => ({
          type: event.type,
          occurred_at: event.occurredAt.toISOString(),
          rules_version: event.rulesVersion,
          account_id: event.accountId,
          subject_id: event.subjectId,
          before: event.before,
          after: event.after,
        })),
      ),
    ],
  );
}

/**
 * Deletes relayed events older than the retention window, a slice at a time (no long lock on the outbox):
 * subscribers resume within the window; webhook deliveries still retrying are far younger (at most 3 days).
 */
export async function pruneRelayedEvents(dataSource: DataSource, retentionDays: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    // TypeORM's raw DELETE gives [rows, affected row count].
    const [, count]: [unknown[], number] = await dataSource.query(
      `DELETE FROM domain_events WHERE id IN (
         SELECT id FROM domain_events WHERE relayed_at IS NOT NULL AND occurred_at < now() - make_interval(days => $1) ORDER BY id LIMIT 5000)`,
      [retentionDays],
    );
    deleted += count;
    if (count < 5000) return deleted;
  }
}
