import { BusinessCalendar } from "../shared/business-calendar";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeScalar } from "../shared/scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

export enum TicketStatus {
  OPEN = "open",
  PENDING = "pending",
  RESOLVED = "resolved",
  CLOSED = "closed",
}
registerEnumType(TicketStatus, {
  name: "TicketStatus",
  description:
    "Where a support case stands: we answer an OPEN case (PENDING) and resolve it (RESOLVED); the customer's confirmation closes it (CLOSED) and a resolution that did not help reopens it (OPEN)",
  valuesConfig: {
    OPEN: { description: "Waiting for us: new, or reopened" },
    PENDING: { description: "Answered; waiting for the customer. We may answer again" },
    RESOLVED: { description: "Solved as far as we can tell; waiting for the customer to confirm (CLOSED) or say it did not help (OPEN)" },
    CLOSED: { description: "Confirmed by the customer, with a satisfaction score if given; final" },
  },
});

export enum TicketCategory {
  QUESTION = "question",
  REQUEST = "request",
  INCIDENT = "incident",
  COMPLAINT = "complaint",
  RETURN = "return",
}
registerEnumType(TicketCategory, {
  name: "TicketCategory",
  description: "What kind of case it is",
  valuesConfig: {
    QUESTION: { description: "The customer wants to know something" },
    REQUEST: { description: "The customer wants something done or changed" },
    INCIDENT: { description: "Something the customer uses is broken or not working" },
    COMPLAINT: { description: "The customer is unhappy with us; complaints always get a defined response time, and repeated ones escalate" },
    RETURN: { description: "The customer wants to send something back" },
  },
});

export enum TicketSeverity {
  LOW = "low",
  MEDIUM = "medium",
  HIGH = "high",
  CRITICAL = "critical",
}
registerEnumType(TicketSeverity, {
  name: "TicketSeverity",
  description: "How severe the customer says the case is, from LOW to CRITICAL; the service priority weighs it, and sorts by it in this order",
  valuesConfig: {
    LOW: { description: "A minor matter; it can wait" },
    MEDIUM: { description: "A real problem, but work goes on" },
    HIGH: { description: "A serious problem that holds up the customer's work" },
    CRITICAL: { description: "Something critical to the customer is broken" },
  },
});

export enum TicketChannel {
  EMAIL = "email",
  PHONE = "phone",
  CHAT = "chat",
  WEB = "web",
  SOCIAL = "social",
  PARTNER = "partner",
}
registerEnumType(TicketChannel, {
  name: "TicketChannel",
  description: "Where a case came in",
  valuesConfig: {
    EMAIL: { description: "An email to support" },
    PHONE: { description: "A call to support" },
    CHAT: { description: "Online chat" },
    WEB: { description: "The support form on our website" },
    SOCIAL: { description: "Social media" },
    PARTNER: { description: "Raised by the account's partner for the customer" },
  },
});

export const openTicketStatuses = [TicketStatus.OPEN, TicketStatus.PENDING];

@Entity({ name: "tickets" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A support case" })
export class Ticket implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the ticket again with node(id)" })
  get globalId(): string {
    return encodeGlobalId("Ticket", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ name: "contact_id", type: "uuid", nullable: true })
  contactId: string | null;

  @Field({ description: "What the case is about, in a line of 1 to 300 characters" })
  @Column({ type: "text" })
  subject: string;

  @Field(() => TicketCategory, { description: "What kind of case it is" })
  @Column({ type: "text" })
  category: TicketCategory;

  @Field(() => TicketSeverity, { description: "How severe the customer says it is" })
  @Column({ type: "text" })
  severity: TicketSeverity;

  @Field(() => TicketStatus, { description: "Where the case stands" })
  @Column({ type: "text" })
  status: TicketStatus;

  @Field(() => TicketChannel, { description: "Where the case came in" })
  @Column({ type: "text" })
  channel: TicketChannel;

  @Field(() => DateTimeScalar, { description: "When the case was opened; its response and resolution targets run from here" })
  @Column({ name: "opened_at", type: "timestamptz", precision: 3, default: () => "now()" })
  openedAt: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When we first answered (a response, or a resolution without one); null until then; kept when the case reopens",
  })
  @Column({ name: "first_responded_at", type: "timestamptz", precision: 3, nullable: true })
  firstRespondedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the case was resolved; null until then, and again once it reopens" })
  @Column({ name: "resolved_at", type: "timestamptz", precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the customer's confirmation closed the case; null until then" })
  @Column({ name: "closed_at", type: "timestamptz", precision: 3, nullable: true })
  closedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "The customer's satisfaction, 1 (very unhappy) to 5 (very happy), given when the case closes; null when not given",
  })
  @Column({ type: "smallint", nullable: true })
  satisfaction: number | null;

  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;

  /** The record's id in the system that upserted it; see externalIdOwner. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  /** Whose id externalId is: the partner whose key upserted the record, or null for staff keys (one shared set). */
  @Column({ name: "external_id_owner", type: "uuid", nullable: true })
  externalIdOwner: string | null;

  // The service priority the policies decided (see Ticket.servicePriority); null until first evaluated.
  @Column({ name: "priority_level", type: "text", nullable: true })
  priorityLevel: string | null;

  @Column({ name: "priority_lane", type: "text", nullable: true })
  priorityLane: string | null;

  @Column({ name: "first_response_due_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseDueAt: Date | null;

  @Column({ name: "resolution_due_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionDueAt: Date | null;

  @Column({ name: "priority_rules_version", type: "text", nullable: true })
  priorityRulesVersion: string | null;

  @Column({ name: "priority_evaluated_at", type: "timestamptz", precision: 3, nullable: true })
  priorityEvaluatedAt: Date | null;

  // The SLA clock (see Ticket.sla): when the resolution clock stopped (null while it runs, i.e. while
  // OPEN), the time it stood still before, and the rules version and moment that set the targets.
  @Column({ name: "resolution_paused_since", type: "timestamptz", precision: 3, nullable: true })
  resolutionPausedSince: Date | null;

  @Column({ name: "resolution_paused_ms", type: "bigint", default: 0, transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  resolutionPausedMs: number;

  @Column({ name: "sla_targets_set_at", type: "timestamptz", precision: 3, nullable: true })
  slaTargetsSetAt: Date | null;

  @Column({ name: "sla_rules_version", type: "text", nullable: true })
  slaRulesVersion: string | null;

  /** The working hours the targets count (business-time targets); null: every minute counts. */
  @Column({ name: "sla_business_calendar", type: "jsonb", nullable: true })
  slaBusinessCalendar: BusinessCalendar | null;
}
