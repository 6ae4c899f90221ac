import { DateTimeScalar } from "../../shared/scalars";
import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum PriorityLevel {
  P1 = "P1",
  P2 = "P2",
  P3 = "P3",
  P4 = "P4",
}
registerEnumType(PriorityLevel, { name: "PriorityLevel", description: "P1 is the most urgent" });

@ObjectType({ simpleResolvers: true, description: "How fast the ticket must be answered, by rules/service-priority.json" })
export class ServicePriority {
  /** The ticket, so that the explanation is loaded only when asked for. */
  ticketId: string;

  @Field(() => PriorityLevel)
  level: PriorityLevel;

  @Field({ description: "The queue: e.g. dedicated (the account manager), priority, standard" })
  lane: string;

  @Field(() => DateTimeScalar)
  firstResponseDueAt: Date;

  @Field(() => DateTimeScalar)
  resolutionDueAt: Date;

  @Field({ description: "The first response came late, or has not come and is overdue" })
  firstResponseBreached: boolean;

  @Field({ description: "The resolution came late, or has not come and is overdue" })
  resolutionBreached: boolean;

  @Field({ description: "Either target missed" })
  breached: boolean;

  @Field()
  rulesVersion: string;

  @Field(() => DateTimeScalar)
  evaluatedAt: Date;
}
