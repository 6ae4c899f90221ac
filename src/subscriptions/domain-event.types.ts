import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../shared/scalars";

/**
 * A change that matters, as a subscription delivers it. Its `ticket` and `account` are read when it is
 * delivered, through the subscriber's own scope: masked and limited as a query would be.
 */
@ObjectType({ simpleResolvers: true, description: "A change that matters (a ticket opened, a target missed, a tier changed), as the outbox recorded it" })
export class DomainEventMessage {
  @Field(() => ID, { description: "The event's id, growing: reconnect with since: <the last id seen> to get what came after it" })
  id: string;

  @Field({
    description:
      "What happened: ticket.opened, ticket.statusChanged, ticket.priorityChanged, ticket.slaWarning, ticket.slaBreached, account.tierChanged, account.lifecycleStageChanged, account.retentionRiskChanged (internal and analyst keys only) or ruleSet.activated",
  })
  type: string;

  @Field(() => DateTimeScalar, { description: "When it happened" })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: "The content hash of the rule files in force, for what the policies decided; null otherwise" })
  rulesVersion: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The values before the change, e.g. {"status": "OPEN"}; null for something new' })
  before: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The values after the change, e.g. {"status": "PENDING"} or {"tier": "gold"}' })
  after: Record<string, unknown> | null;

  /** The account the event is about, for `account`. */
  accountId: string | null;

  /** The ticket or account that changed, for `ticket`. */
  subjectId: string | null;
}
