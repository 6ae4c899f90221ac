import { DataSource, EntityManager, In } from "typeorm";
import { EventConsumer } from "../events/event-relay";
import { JobQueue, QueuedJob } from "../jobs/job-queue";
import { Ticket } from "./ticket.entity";
import { recordSlaBreaches, slaEventsOf } from "./ticket.sla";
import { SlaTargetKind } from "./ticket-sla.entity";
import { addWorkingMinutes, workingMinutesBetween } from "../shared/business-calendar";

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

interface RunningTarget {
  kind: SlaTargetKind;
  dueAt: Date;
  /** When `warningShare` of the time allowed since the targets were set has passed (pauses not counted; on business time, working time). */
  warnAt: Date;
}

/** The targets of a prioritized ticket whose clocks run: the first response until it is given, the resolution while OPEN. */
export function runningTargets(ticket: Ticket, warningShare: number): RunningTarget[] {
  if (ticket.priorityLevel === null) return [];
  const setAt = ticket.slaTargetsSetAt ?? ticket.openedAt;
  const calendar = ticket.slaBusinessCalendar;
  const running = [
    ticket.firstRespondedAt === null ? { kind: SlaTargetKind.FIRST_RESPONSE, dueAt: ticket.firstResponseDueAt, pausedMs: 0 } : undefined,
    ticket.resolutionPausedSince === null
      ? { kind: SlaTargetKind.RESOLUTION, dueAt: ticket.resolutionDueAt, pausedMs: Number(ticket.resolutionPausedMs) }
      : undefined,
  ];
  return running.flatMap((target) => {
    if (!target?.dueAt) return [];
    const { kind, dueAt, pausedMs } = target;
    if (calendar) return [{ kind, dueAt, warnAt: addWorkingMinutes(setAt, warningShare * workingMinutesBetween(setAt, dueAt, calendar), calendar) }];
    const allowed = dueAt.getTime() - setAt.getTime() - pausedMs;
    return [{ kind, dueAt, warnAt: new Date(Math.ceil(dueAt.getTime() - (1 - warningShare) * allowed)) }];
  });
}

/** The moments a ticket's running targets are to be warned of and checked for a breach (a breach is a clock past its due time: just after it). */
export function slaCheckTimes(ticket: Ticket, warningShare: number): Date[] {
  return runningTargets(ticket, warningShare).flatMap((target) => [target.warnAt, new Date(target.dueAt.getTime() + 1)]);
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
      const tickets = await manager.findBy(Ticket, { id: In(ticketIds) });
      const warned = tickets.flatMap((ticket) =>
        runningTargets(ticket, warningShare)
          .filter((target) => target.warnAt <= now && now <= target.dueAt)
          .map((target) => ({ ticket_id: ticket.id, kind: target.kind, due_at: target.dueAt.toISOString() })),
      );
      await recordSlaWarnings(manager, warned, now);
      await recordSlaBreaches(manager, ticketIds, now);
    });
  });
}

/** Records each warning once per target (a moved target is a new one), with its ticket.slaWarning event. */
async function recordSlaWarnings(manager: EntityManager, warned: ReadonlyArray<{ ticket_id: string; kind: string; due_at: string }>, at: Date): Promise<void> {
  if (warned.length === 0) return;
  await manager.query(
    `WITH warned AS (
       INSERT INTO ticket_sla_warnings (ticket_id, account_id, kind, due_at, level, rules_version, warned_at)
       SELECT ticket.id, ticket.account_id, target.kind, target.due_at, ticket.priority_level, ticket.sla_rules_version, $2
         FROM jsonb_to_recordset($1::jsonb) AS target (ticket_id uuid, kind text, due_at timestamptz)
         JOIN tickets ticket ON ticket.id = target.ticket_id
       ON CONFLICT DO NOTHING
       RETURNING ticket_id, account_id, kind, due_at, level, rules_version
     )
     ${slaEventsOf("ticket.slaWarning", "warned", "$2")}`,
    [JSON.stringify(warned), at],
  );
}
