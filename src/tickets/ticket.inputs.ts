import { Length, ValidateNested } from "class-validator";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { SortDirection } from "../shared/pagination/page-arguments";
import { DateTimeRange } from "../shared/ranges";
import { TicketCategory, TicketChannel, TicketSeverity, TicketStatus } from "./ticket.entity";

@InputType({ description: "Tickets matching every given condition" })
export class TicketFilter {
  @Field(() => [TicketStatus], { nullable: true, description: "Any of these statuses" })
  status?: TicketStatus[] | null;

  @Field(() => [TicketCategory], { nullable: true, description: "Any of these categories" })
  category?: TicketCategory[] | null;

  @Field(() => [TicketSeverity], { nullable: true, description: "Any of these severities" })
  severity?: TicketSeverity[] | null;

  @Field(() => [TicketChannel], { nullable: true, description: "Any of these channels" })
  channel?: TicketChannel[] | null;

  @Field(() => DateTimeRange, { nullable: true })
  @ValidateNested()
  openedAt?: DateTimeRange | null;

  @Field(() => ID, { nullable: true, description: "Only the tickets of this account" })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only the tickets of this contact" })
  contactId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: OPEN or PENDING (still being worked on); false: RESOLVED or CLOSED" })
  open?: boolean | null;
}

export enum TicketSortField {
  OPENED_AT = "OPENED_AT",
  SEVERITY = "SEVERITY",
  PRIORITY = "PRIORITY",
  FIRST_RESPONSE_DUE_AT = "FIRST_RESPONSE_DUE_AT",
}
registerEnumType(TicketSortField, {
  name: "TicketSortField",
  valuesConfig: {
    SEVERITY: { description: "Ranked LOW < MEDIUM < HIGH < CRITICAL: descending puts CRITICAL first" },
    PRIORITY: { description: "Service priority P1 < P2 < P3 < P4: ascending puts P1 first; tickets never prioritized come last" },
    FIRST_RESPONSE_DUE_AT: { description: "The support queue: soonest due first when ascending; tickets never prioritized come last" },
  },
});

@InputType()
export class TicketSort {
  @Field(() => TicketSortField)
  field: TicketSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType({ description: "A new support case; it opens now, with status OPEN" })
export class OpenTicketInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => ID, { nullable: true, description: "A contact of that account, when the case has one" })
  contactId?: string | null;

  @Field({ description: "1 to 300 characters" })
  @Length(1, 300)
  subject: string;

  @Field(() => TicketCategory)
  category: TicketCategory;

  @Field(() => TicketSeverity)
  severity: TicketSeverity;

  @Field(() => TicketChannel)
  channel: TicketChannel;
}
