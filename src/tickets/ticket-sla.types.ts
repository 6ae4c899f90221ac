import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../shared/scalars";
import { SlaTargetKind } from "./ticket-sla.entity";

registerEnumType(SlaTargetKind, {
  name: "SlaTargetKind",
  description: "Which of a ticket's two targets",
  valuesConfig: {
    FIRST_RESPONSE: { description: "Our first answer (a response, or a resolution without one)" },
    RESOLUTION: { description: "The resolution; its clock stands still while the ticket waits on the customer" },
  },
});

@ObjectType({ simpleResolvers: true, description: "A target the ticket missed: a fact, kept whatever changes later" })
export class SlaBreach {
  @Field(() => SlaTargetKind, { description: "Which target was missed" })
  kind: SlaTargetKind;

  @Field(() => DateTimeScalar, { description: "When it was due: the moment of the breach" })
  dueAt: Date;

  @Field({ description: "The priority level in force when it was missed, e.g. P2" })
  level: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the breach was recorded in the ticket's history (at the ticket's next change or re-evaluation); null when seen now and not yet recorded",
  })
  recordedAt: Date | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The ticket\'s service-level clock: its targets as promised, the time on each clock, and the targets missed (rules/README.md, "The SLA clock")',
})
export class TicketSla {
  @Field(() => DateTimeScalar, { description: "When the first response is due: set at the first evaluation, brought forward by an escalation, never extended" })
  firstResponseDueAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When we first answered; null until then: the first-response clock runs until it" })
  firstRespondedAt: Date | null;

  @Field(() => DateTimeScalar, {
    description:
      "When the resolution is due: set at the first evaluation, moved on by the time the ticket waited on the customer, brought forward by an escalation, never extended otherwise",
  })
  resolutionDueAt: Date;

  @Field({ description: "Whether the resolution clock runs now: only while the ticket is OPEN (ours to work on)" })
  resolutionClockRunning: boolean;

  @Field(() => Int, { description: "Whole minutes the resolution clock has run since the opening, pauses left out" })
  resolutionElapsedMinutes: number;

  @Field(() => Int, { description: "Whole minutes the resolution clock has stood still (waiting on the customer, resolved), the current pause included" })
  resolutionPausedMinutes: number;

  @Field(() => DateTimeScalar, { description: "When the targets in force were set (the first evaluation, or the escalation that brought them forward)" })
  targetsSetAt: Date;

  @Field({ description: "The content hash of the rule files that set the targets in force" })
  targetsRulesVersion: string;

  @Field(() => [SlaBreach], { description: "Every target missed, first response first; empty while both are kept" })
  breaches: SlaBreach[];
}
