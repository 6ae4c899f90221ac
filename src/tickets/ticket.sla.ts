import { EntityManager } from "typeorm";
import { DataScope } from "../access/data-scope";
import { Ticket, TicketStatus } from "./ticket.entity";
import { SlaTargetKind, TicketSlaBreach } from "./ticket-sla.entity";
import { SlaBreach, TicketSla } from "./ticket-sla.types";

/**
 * Records, once, each target of these tickets missed by `asOf`: the first response not given by its due
 * time, the resolution clock past its due time (a stopped clock stopped at resolution_paused_since).
 * A breach, once recorded, stays: later changes (a lower tier, a pause, a reopening) never remove it.
 * Called before every change of a ticket and before every re-evaluation of its targets, so that what a
 * change is about to move is recorded as it stood.
 */
export async function recordSlaBreaches(manager: EntityManager, ticketIds: readonly string[], asOf: Date): Promise<void> {
  if (ticketIds.length === 0) return;
  // Each breach recorded now is a ticket.slaBreached event, in the same statement (the outbox).
  await manager.query(
    `WITH recorded AS (
       INSERT INTO ticket_sla_breaches (ticket_id, account_id, kind, due_at, level, rules_version, recorded_at)
       SELECT ticket.id, ticket.account_id, missed.kind, missed.due_at, ticket.priority_level, ticket.sla_rules_version, $2
         FROM tickets ticket
         CROSS JOIN LATERAL (VALUES
           ('first_response', ticket.first_response_due_at, coalesce(ticket.first_responded_at, $2)),
           ('resolution', ticket.resolution_due_at, coalesce(ticket.resolution_paused_since, $2))
         ) AS missed (kind, due_at, clock_at)
        WHERE ticket.id = ANY($1) AND ticket.priority_level IS NOT NULL AND missed.clock_at > missed.due_at
       ON CONFLICT (ticket_id, kind) DO NOTHING
       RETURNING ticket_id, account_id, kind, due_at, level, rules_version
     )
     ${slaEventsOf("ticket.slaBreached", "recorded", "$2")}`,
    [ticketIds, asOf],
  );
}

/**
 * The statement that appends an SLA event for each row of `rows` (a CTE returning ticket_id, account_id,
 * kind, due_at, level, rules_version): the outbox written by the statement that records the fact.
 */
export function slaEventsOf(type: "ticket.slaWarning" | "ticket.slaBreached", rows: string, at: string): string {
  return `INSERT INTO domain_events (type, occurred_at, rules_version, account_id, subject_id, before, after)
     SELECT '${type}', ${at}, rules_version, account_id, ticket_id, NULL,
            jsonb_build_object('kind', upper(kind), 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'level', level)
       FROM ${rows}`;
}

/** The recorded breaches of each ticket the scope sees, in the order of `ticketIds`. */
export async function findSlaBreaches(scope: DataScope, ticketIds: readonly string[]): Promise<TicketSlaBreach[][]> {
  const breaches = await scope.read((manager) =>
    scope.select(manager, TicketSlaBreach, "breach").andWhere("breach.ticket_id = ANY(:ticketIds)", { ticketIds }).getMany(),
  );
  return ticketIds.map((ticketId) => breaches.filter((breach) => breach.ticketId === ticketId));
}

const minutes = (milliseconds: number) => Math.floor(milliseconds / 60_000);

/**
 * Whether each target of a prioritized ticket is missed as of `now`: the first-response clock stops at the
 * first response, the resolution clock whenever it stands still (waiting on the customer, resolved). The
 * read planner and recordSlaBreaches say the same in SQL.
 */
export function missedTargets(ticket: Ticket, now: Date): Record<SlaTargetKind, boolean> {
  const late = (clockAt: Date, dueAt: Date | null) => dueAt !== null && clockAt.getTime() > dueAt.getTime();
  return {
    [SlaTargetKind.FIRST_RESPONSE]: late(ticket.firstRespondedAt ?? now, ticket.firstResponseDueAt),
    [SlaTargetKind.RESOLUTION]: late(ticket.resolutionPausedSince ?? now, ticket.resolutionDueAt),
  };
}

/**
 * A prioritized ticket's clock as of `now`: the stored targets, the time on the resolution clock, and the
 * breaches, recorded or seen now (a target missed since the ticket last changed is not recorded yet).
 */
export function ticketSlaOf(ticket: Ticket, recorded: readonly TicketSlaBreach[], now: Date): TicketSla | null {
  if (ticket.priorityLevel === null || ticket.firstResponseDueAt === null || ticket.resolutionDueAt === null) return null;
  const clockStoppedAt = ticket.resolutionPausedSince ?? now;
  const currentPause = ticket.resolutionPausedSince === null ? 0 : now.getTime() - ticket.resolutionPausedSince.getTime();
  const missed = missedTargets(ticket, now);
  const dueAt = { [SlaTargetKind.FIRST_RESPONSE]: ticket.firstResponseDueAt, [SlaTargetKind.RESOLUTION]: ticket.resolutionDueAt };
  const breaches = Object.values(SlaTargetKind).flatMap((kind): SlaBreach[] => {
    const stored = recorded.find((breach) => breach.kind === kind);
    if (stored) return [{ kind, dueAt: stored.dueAt, level: stored.level, recordedAt: stored.recordedAt }];
    return missed[kind] ? [{ kind, dueAt: dueAt[kind], level: ticket.priorityLevel!, recordedAt: null }] : [];
  });
  return {
    firstResponseDueAt: ticket.firstResponseDueAt,
    firstRespondedAt: ticket.firstRespondedAt,
    resolutionDueAt: ticket.resolutionDueAt,
    resolutionClockRunning: ticket.status === TicketStatus.OPEN,
    resolutionElapsedMinutes: minutes(clockStoppedAt.getTime() - ticket.openedAt.getTime() - Number(ticket.resolutionPausedMs)),
    resolutionPausedMinutes: minutes(Number(ticket.resolutionPausedMs) + currentPause),
    targetsSetAt: ticket.slaTargetsSetAt ?? ticket.priorityEvaluatedAt!,
    targetsRulesVersion: ticket.slaRulesVersion ?? ticket.priorityRulesVersion!,
    breaches,
  };
}
