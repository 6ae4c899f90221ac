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

  @Field(() => DateTimeRange, { nullable: true, description: "Only the tickets opened within these instants" })
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
  description: "What a list of tickets can be sorted by",
  valuesConfig: {
    OPENED_AT: { description: "When the case was opened" },
    SEVERITY: { description: "Ranked LOW < MEDIUM < HIGH < CRITICAL: descending puts CRITICAL first" },
    PRIORITY: { description: "Service priority P1 < P2 < P3 < P4: ascending puts P1 first; tickets never prioritized come last" },
    FIRST_RESPONSE_DUE_AT: { description: "The support queue: soonest due first when ascending; tickets never prioritized come last" },
  },
});

@InputType({ description: "One sort key for a list of tickets; later keys break the ties of earlier ones, and the id breaks the last ties" })
export class TicketSort {
  @Field(() => TicketSortField, { description: "What to sort by; a field may appear once in an orderBy" })
  field: TicketSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "Which way; ascending unless given" })
  direction: SortDirection;
}

/** A ticket's own fields, as a new ticket and an upsert item give them; each names the account (and contact) its own way. */
@InputType()
export class TicketFields {
  @Field(() => ID, { nullable: true, description: "The person who raised it, a contact of that account (a Contact id); null or left out when unknown" })
  contactId?: string | null;

  @Field({ description: "What the case is about, in a line: 1 to 300 characters, not blank; trimmed" })
  @Length(1, 300)
  subject: string;

  @Field(() => TicketCategory, { description: "What kind of case it is" })
  category: TicketCategory;

  @Field(() => TicketSeverity, { description: "How severe the customer says it is" })
  severity: TicketSeverity;

  @Field(() => TicketChannel, { description: "Where the case came in" })
  channel: TicketChannel;
}

@InputType({ description: "A new support case; it opens now, with status OPEN" })
export class OpenTicketInput extends TicketFields {
  @Field(() => ID, { description: "The account the case is for (an Account id); a partner's key may open cases for its own accounts only" })
  accountId: string;
}
