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
  valuesConfig: {
    OPEN: { description: "Waiting for us" },
    PENDING: { description: "Answered; waiting for the customer" },
  },
});

export enum TicketCategory {
  QUESTION = "question",
  REQUEST = "request",
  INCIDENT = "incident",
  COMPLAINT = "complaint",
  RETURN = "return",
}
registerEnumType(TicketCategory, { name: "TicketCategory" });

export enum TicketSeverity {
  LOW = "low",
  MEDIUM = "medium",
  HIGH = "high",
  CRITICAL = "critical",
}
registerEnumType(TicketSeverity, { name: "TicketSeverity", description: "Severity as the customer states it" });

export enum TicketChannel {
  EMAIL = "email",
  PHONE = "phone",
  CHAT = "chat",
  WEB = "web",
  SOCIAL = "social",
  PARTNER = "partner",
}
registerEnumType(TicketChannel, { name: "TicketChannel" });

export const openTicketStatuses = [TicketStatus.OPEN, TicketStatus.PENDING];

@Entity({ name: "tickets" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A support case" })
export class Ticket implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id" })
  get globalId(): string {
    return encodeGlobalId("Ticket", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ name: "contact_id", type: "uuid", nullable: true })
  contactId: string | null;

  @Field()
  @Column()
  subject: string;

  @Field(() => TicketCategory)
  @Column({ type: "text" })
  category: TicketCategory;

  @Field(() => TicketSeverity)
  @Column({ type: "text" })
  severity: TicketSeverity;

  @Field(() => TicketStatus)
  @Column({ type: "text" })
  status: TicketStatus;

  @Field(() => TicketChannel)
  @Column({ type: "text" })
  channel: TicketChannel;

  @Field(() => DateTimeScalar)
  @Column({ name: "opened_at", type: "timestamptz", precision: 3, default: () => "now()" })
  openedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: "first_responded_at", type: "timestamptz", precision: 3, nullable: true })
  firstRespondedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: "resolved_at", type: "timestamptz", precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: "closed_at", type: "timestamptz", precision: 3, nullable: true })
  closedAt: Date | null;

  @Field(() => Int, { nullable: true, description: "1 (very unhappy) to 5 (very happy), given when the ticket closes" })
  @Column({ type: "smallint", nullable: true })
  satisfaction: number | null;

  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;

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
}
