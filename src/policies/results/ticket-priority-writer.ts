import { EntityManager } from "typeorm";
import { FactValues } from "../facts/fact-catalogue";
import { ServicePriorityOutcome } from "../evaluation/service-priority-policy";
import { recordSlaBreaches } from "../../tickets/ticket.sla";
import { addWorkingMinutes, BusinessCalendar } from "../../shared/business-calendar";

export interface TicketPriorityToWrite {
  ticketId: string;
  openedAt: Date;
  facts: FactValues;
  outcome: ServicePriorityOutcome;
}

const millisecondsPerMinute = 60_000;

/** The moment `minutes` of the target's clock after `start`: every minute, or the working minutes of a business calendar. */
function dueAfter(start: Date, minutes: number, calendar: BusinessCalendar | null): string {
  const due = calendar ? addWorkingMinutes(start, minutes, calendar) : new Date(start.getTime() + minutes * millisecondsPerMinute);
  return due.toISOString();
}

/**
 * Sets the priority, lane and due times on a batch of tickets (the support queue sorts on them there),
 * keeps the facts and explanation beside them, and adds a history row when the level or lane changed:
 * one statement (after recording the breaches the targets had, as they stood). Returns how many tickets changed.
 *
 * Targets are promises (rules/README.md, "The SLA clock"): the first evaluation sets them from the
 * opening; a later one only ever brings a target forward, to the new level's time from now at the
 * latest (an escalation never makes a ticket breached the instant it happens), and never extends one
 * (a lower tier, a lower level); a target already met or stopped (responded, resolved) stays.
 */
export async function writeTicketPriorities(
  manager: EntityManager,
  priorities: readonly TicketPriorityToWrite[],
  rulesVersion: string,
  evaluatedAt: Date,
): Promise<number> {
  if (priorities.length === 0) return 0;
  const rows = priorities.map(({ ticketId, openedAt, facts, outcome }) => ({
    ticket_id: ticketId,
    level: outcome.level,
    lane: outcome.lane,
    first_response_due_at: dueAfter(openedAt, outcome.firstResponseMinutes, outcome.businessCalendar),
    resolution_due_at: dueAfter(openedAt, outcome.resolutionMinutes, outcome.businessCalendar),
    // An escalation's targets, counted from the evaluation (brought forward to them at the latest).
    first_response_due_from_now: dueAfter(evaluatedAt, outcome.firstResponseMinutes, outcome.businessCalendar),
    resolution_due_from_now: dueAfter(evaluatedAt, outcome.resolutionMinutes, outcome.businessCalendar),
    business_calendar: outcome.businessCalendar,
    facts,
    explanation: outcome.explanation,
  }));
  await recordSlaBreaches(
    manager,
    rows.map((row) => row.ticket_id),
    evaluatedAt,
  );
  const [{ changed }]: { changed: number }[] = await manager.query(writeStatement, [JSON.stringify(rows), evaluatedAt, rulesVersion]);
  return changed;
}

// A ticket prioritized after this evaluation's moment by the same rule set keeps that newer result.
const writeStatement = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (
      ticket_id uuid, level text, lane text, first_response_due_at timestamptz, resolution_due_at timestamptz,
      first_response_due_from_now timestamptz, resolution_due_from_now timestamptz, business_calendar jsonb, facts jsonb, explanation jsonb)
  ),
  previous AS (
    -- newer is null for a ticket never prioritized: hence "IS NOT TRUE" below.
    SELECT ticket.id AS ticket_id, ticket.priority_level, ticket.priority_lane,
      (ticket.priority_rules_version = $3 AND ticket.priority_evaluated_at > $2) AS newer,
      ticket.first_response_due_at AS previous_first_response_due_at, ticket.resolution_due_at AS previous_resolution_due_at,
      CASE
        WHEN ticket.first_response_due_at IS NULL THEN input.first_response_due_at
        WHEN ticket.first_responded_at IS NOT NULL THEN ticket.first_response_due_at
        ELSE least(ticket.first_response_due_at, input.first_response_due_from_now)
      END AS first_response_due_at,
      CASE
        WHEN ticket.resolution_due_at IS NULL THEN input.resolution_due_at + ticket.resolution_paused_ms * interval '1 millisecond'
        WHEN ticket.resolved_at IS NOT NULL THEN ticket.resolution_due_at
        ELSE least(ticket.resolution_due_at, input.resolution_due_from_now)
      END AS resolution_due_at
    FROM tickets ticket JOIN input ON input.ticket_id = ticket.id
  ),
  history AS (
    INSERT INTO ticket_priority_history (ticket_id, changed_at, rules_version, previous_level, level, previous_lane, lane,
      first_response_due_at, resolution_due_at)
    SELECT input.ticket_id, $2, $3, previous.priority_level, input.level, previous.priority_lane, input.lane,
      previous.first_response_due_at, previous.resolution_due_at
    FROM input JOIN previous USING (ticket_id)
    WHERE previous.newer IS NOT TRUE AND (previous.priority_level, previous.priority_lane) IS DISTINCT FROM (input.level, input.lane)
    RETURNING ticket_id, previous_level, level, previous_lane, lane, first_response_due_at, resolution_due_at
  ),
  events AS (
    -- The outbox, in the statement of the change: a ticket's level or lane changed.
    INSERT INTO domain_events (type, occurred_at, rules_version, account_id, subject_id, before, after)
    SELECT 'ticket.priorityChanged', $2, $3, ticket.account_id, history.ticket_id,
      CASE WHEN history.previous_level IS NULL THEN NULL ELSE jsonb_build_object('level', history.previous_level, 'lane', history.previous_lane) END,
      jsonb_build_object('level', history.level, 'lane', history.lane)
    FROM history JOIN tickets ticket ON ticket.id = history.ticket_id
    RETURNING 1
  ),
  updated AS (
    UPDATE tickets ticket SET
      priority_level = input.level, priority_lane = input.lane,
      first_response_due_at = previous.first_response_due_at, resolution_due_at = previous.resolution_due_at,
      priority_rules_version = $3, priority_evaluated_at = $2,
      -- The version and moment that set the targets in force: kept while they stay.
      sla_targets_set_at = CASE WHEN moved THEN $2 ELSE ticket.sla_targets_set_at END,
      sla_rules_version = CASE WHEN moved THEN $3 ELSE ticket.sla_rules_version END,
      sla_business_calendar = CASE WHEN moved THEN input.business_calendar ELSE ticket.sla_business_calendar END
    FROM input JOIN previous USING (ticket_id)
      CROSS JOIN LATERAL (SELECT (previous.previous_first_response_due_at, previous.previous_resolution_due_at)
        IS DISTINCT FROM (previous.first_response_due_at, previous.resolution_due_at) AS moved) AS targets
    WHERE ticket.id = input.ticket_id AND previous.newer IS NOT TRUE
    RETURNING ticket.id AS ticket_id
  ),
  explained AS (
    INSERT INTO ticket_priority_explanations (ticket_id, facts, explanation)
    SELECT input.ticket_id, input.facts, input.explanation FROM input JOIN updated USING (ticket_id)
    ON CONFLICT (ticket_id) DO UPDATE SET facts = excluded.facts, explanation = excluded.explanation
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM history)::int AS changed, (SELECT count(*) FROM explained)::int AS written, (SELECT count(*) FROM events)::int AS announced`;
