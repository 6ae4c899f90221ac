import { Column, Entity, PrimaryColumn } from "typeorm";

export enum SlaTargetKind {
  FIRST_RESPONSE = "first_response",
  RESOLUTION = "resolution",
}

/** A missed target, recorded once (src/tickets/ticket.sla.ts) and never removed. */
@Entity({ name: "ticket_sla_breaches" })
export class TicketSlaBreach {
  @PrimaryColumn({ name: "ticket_id", type: "uuid" })
  ticketId: string;

  @PrimaryColumn({ type: "text" })
  kind: SlaTargetKind;

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ name: "due_at", type: "timestamptz", precision: 3 })
  dueAt: Date;

  @Column({ type: "text" })
  level: string;

  @Column({ name: "rules_version", type: "text", nullable: true })
  rulesVersion: string | null;

  @Column({ name: "recorded_at", type: "timestamptz", precision: 3 })
  recordedAt: Date;
}
