import { DateTimeScalar } from "../../shared/scalars";
import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum PriorityLevel {
  P1 = "P1",
  P2 = "P2",
  P3 = "P3",
  P4 = "P4",
}
registerEnumType(PriorityLevel, {
  name: "PriorityLevel",
  description: "How urgent a ticket is, P1 the most; a higher tier gets faster targets at the same level",
  valuesConfig: {
    P1: { description: "Most urgent: the tightest response and resolution targets" },
    P2: { description: "Urgent: faster targets than P3 and P4" },
    P3: { description: "Normal: faster targets than P4" },
    P4: { description: "Least urgent: the loosest targets" },
  },
});

@ObjectType({ simpleResolvers: true, description: "How fast the ticket must be answered, by rules/service-priority.json" })
export class ServicePriority {
  /** The ticket, so that the explanation is loaded only when asked for. */
  ticketId: string;

  @Field(() => PriorityLevel, { description: "How urgent the ticket is, P1 (most) to P4" })
  level: PriorityLevel;

  @Field({
    description:
      "The queue, one of those rules/service-priority.json declares: e.g. dedicated (the account manager), priority, standard; its order in laneRank, all of them in policyVocabulary.priorityLanes",
  })
  lane: string;

  @Field(() => DateTimeScalar, {
    description:
      "When the first response is due: the opening plus the target for the account's tier and the level, brought forward by an escalation, never extended (Ticket.sla)",
  })
  firstResponseDueAt: Date;

  @Field(() => DateTimeScalar, {
    description:
      "When the resolution is due: the opening plus the target for the account's tier and the level, moved on by the time the ticket waited on the customer, brought forward by an escalation, never extended otherwise (Ticket.sla)",
  })
  resolutionDueAt: Date;

  @Field({ description: "The first response came late, or has not come and is overdue" })
  firstResponseBreached: boolean;

  @Field({ description: "The resolution clock passed its due time: time waiting on the customer does not count, and a breach stays once it happened" })
  resolutionBreached: boolean;

  @Field({ description: "Either target missed" })
  breached: boolean;

  @Field({ description: "The content hash of the rule files that decided" })
  rulesVersion: string;

  @Field(() => DateTimeScalar, { description: "When the rules last evaluated the ticket" })
  evaluatedAt: Date;
}
