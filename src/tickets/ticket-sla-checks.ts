import { DataSource, EntityManager, In } from "typeorm";
import { EventConsumer } from "../events/event-relay";
import { JobQueue, QueuedJob } from "../jobs/job-queue";
import { Ticket } from "./ticket.entity";
import { recordSlaBreaches, slaEventsOf } from "./ticket.sla";

/** Events after which a ticket's clocks may have started, moved, paused or resumed. */
const clockEvents = new Set(["ticket.opened", "ticket.priorityChanged", "ticket.statusChanged"]);

interface SlaCheckJob {
  ticketId: string;
}

/**
 * The SLA clock's alarms: for each ticket whose clock an event may have moved, a check at each running
 * target's warning time (`warningShare` of the time allowed) and due time. A check that finds the target
 * met, paused or moved does nothing: the event that moved it scheduled the checks of the new times.
 */
export function scheduleSlaChecks(queue: JobQueue, warningShare: number): EventConsumer {
  return async (manager, events) => {
    const ticketIds = [...new Set(events.filter((event) => clockEvents.has(event.type) && event.subjectId).map((event) => event.subjectId!))];
    if (ticketIds.length === 0) return;
    const tickets = await manager.findBy(Ticket, { id: In(ticketIds) });
    await queue.add(
      manager,
      tickets.flatMap((ticket) => slaCheckTimes(ticket, warningShare).map((at) => slaCheck(ticket.id, at))),
    );
  };
}

/** The moments a ticket's running targets are to be warned of and checked for a breach. */
export function slaCheckTimes(ticket: Ticket, warningShare: number): Date[] {
  if (ticket.priorityLevel === null) return [];
  const setAt = (ticket.slaTargetsSetAt ?? ticket.openedAt).getTime();
  const running = [
    ticket.firstRespondedAt === null ? { dueAt: ticket.firstResponseDueAt, pausedMs: 0 } : undefined,
    ticket.resolutionPausedSince === null ? { dueAt: ticket.resolutionDueAt, pausedMs: Number(ticket.resolutionPausedMs) } : undefined,
  ];
  return running.flatMap((target) => {
    if (!target?.dueAt) return [];
    const due = target.dueAt.getTime();
    const warnAt = due - (1 - warningShare) * (due - setAt - target.pausedMs);
    // A breach is a clock past its due time: checked just after it.
    return [new Date(Math.ceil(warnAt)), new Date(due + 1)];
  });
}

function slaCheck(ticketId: string, at: Date): QueuedJob<SlaCheckJob> {
  return { name: "sla-check", data: { ticketId }, startAfter: at, singletonKey: `${ticketId}@${at.toISOString()}`, retryLimit: 10, retryDelaySeconds: 5 };
}

/** Checks tickets as their jobs come due: records each warning and breach once, with its event (the outbox). */
export function workOnSlaChecks(queue: JobQueue, dataSource: DataSource, warningShare: number): Promise<string> {
  return queue.work<SlaCheckJob>("sla-check", { batchSize: 50, pollingSeconds: 1 }, async (jobs) => {
    const ticketIds = [...new Set(jobs.map((job) => job.data.ticketId))];
    await dataSource.transaction(async (manager) => {
      const now = new Date();
      await recordSlaWarnings(manager, ticketIds, now, warningShare);
      await recordSlaBreaches(manager, ticketIds, now);
    });
  });
}

/**
 * Records, once per target (a moved target is a new one), each running target of these tickets past its
 * warning time but not its due time, with its ticket.slaWarning event. slaCheckTimes says the same in
 * TypeScript: the warning time is the due time less (1 - share) of the time allowed since the targets
 * were set, pauses not counted.
 */
export async function recordSlaWarnings(manager: EntityManager, ticketIds: readonly string[], asOf: Date, warningShare: number): Promise<void> {
  await manager.query(
    `WITH warned AS (
       INSERT INTO ticket_sla_warnings (ticket_id, account_id, kind, due_at, level, rules_version, warned_at)
       SELECT ticket.id, ticket.account_id, target.kind, target.due_at, ticket.priority_level, ticket.sla_rules_version, $2
         FROM tickets ticket
         CROSS JOIN LATERAL (VALUES
           ('first_response', ticket.first_response_due_at, ticket.first_responded_at IS NULL, 0::bigint),
           ('resolution', ticket.resolution_due_at, ticket.resolution_paused_since IS NULL, ticket.resolution_paused_ms)
         ) AS target (kind, due_at, running, paused_ms)
        WHERE ticket.id = ANY($1) AND ticket.priority_level IS NOT NULL AND target.running AND $2 <= target.due_at
          AND $2 >= target.due_at - (1 - $3::float8)
                    * (target.due_at - coalesce(ticket.sla_targets_set_at, ticket.opened_at) - target.paused_ms * interval '1 millisecond')
       ON CONFLICT DO NOTHING
       RETURNING ticket_id, account_id, kind, due_at, level, rules_version
     )
     ${slaEventsOf("ticket.slaWarning", "warned", "$2")}`,
    [ticketIds, asOf, warningShare],
  );
}
