import { DomainEventType } from "../events/domain-events";
import { StreamedEvent } from "../events/event-stream";
import { encodeGlobalId } from "../shared/global-id";

/**
 * Which outbox events a partner's endpoint may receive: the same as a partner's subscriptions over the
 * WebSocket (src/subscriptions/event-subscriptions.resolver.ts). Never the retention risk (partners see
 * what the policies decided, not the risk behind it) nor rule-set changes (not about their accounts). A
 * Record, so that a new event type does not compile until someone decides.
 *
 * None of these events carries personal data: their before/after hold statuses, categories, severities,
 * channels, tiers, stages, priority levels and lanes, and missed targets' kinds and due times (written
 * in src/tickets/ticket.events.ts, ticket.sla.ts and the policy results' writers); no names, emails or
 * phones. Only ruleSet.activated names a person (activatedBy), and partners never get it.
 */
const sentToPartners: Readonly<Record<DomainEventType, boolean>> = {
  "ticket.opened": true,
  "ticket.statusChanged": true,
  "ticket.priorityChanged": true,
  "ticket.slaWarning": true,
  "ticket.slaBreached": true,
  "account.tierChanged": true,
  "account.lifecycleStageChanged": true,
  "account.retentionRiskChanged": false,
  "ruleSet.activated": false,
};

export const domainEventTypes = Object.keys(sentToPartners) as DomainEventType[];

export function isDomainEventType(name: string): name is DomainEventType {
  return Object.hasOwn(sentToPartners, name);
}

/** Whether partners may receive events of this type (false for a name that is not an event type). */
export function isSentToPartners(type: string): boolean {
  return isDomainEventType(type) && sentToPartners[type];
}

/**
 * The JSON body of an event's webhook, the same bytes on every attempt (Standard Webhooks' shape:
 * type, timestamp, data). Ids are the API's global ids; the event id is a string (a bigint).
 */
export function webhookBody(event: StreamedEvent): string {
  const subjectType = event.type.startsWith("ticket.") ? "Ticket" : "Account";
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      eventId: event.id,
      occurredAt: event.occurredAt.toISOString(),
      rulesVersion: event.rulesVersion,
      accountId: event.accountId === null ? null : encodeGlobalId("Account", event.accountId),
      subjectId: event.subjectId === null ? null : encodeGlobalId(subjectType, event.subjectId),
      before: event.before,
      after: event.after,
    },
  });
}
