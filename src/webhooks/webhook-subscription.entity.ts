import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";
import { DateTimeScalar } from "../shared/scalars";

/** A partner's endpoint for events. Its signing secret is a column no entity maps: shown once, read only by the delivery worker. */
@Entity({ name: "webhook_subscriptions" })
@ObjectType({
  implements: Node,
  description: "A partner's HTTPS endpoint that receives the events of its own accounts, signed (Standard Webhooks), at least once",
})
export class WebhookSubscription implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the subscription again with node(id)" })
  get globalId(): string {
    return encodeGlobalId("WebhookSubscription", this.id);
  }

  @Column({ name: "partner_id", type: "uuid" })
  partnerId: string;

  @Field({ description: "Where the events are POSTed (http or https)" })
  @Column({ type: "text" })
  url: string;

  @Field(() => [String], { description: 'The event types sent to the endpoint, by their outbox names, e.g. ["ticket.opened", "ticket.slaBreached"]' })
  @Column({ name: "event_types", type: "text", array: true })
  eventTypes: string[];

  @Field(() => DateTimeScalar, { description: "When the subscription was registered" })
  @Column({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt: Date;

  @Field({ description: "The prefix of the API key that registered it (cgk_...), as keys:list shows it" })
  @Column({ name: "created_by", type: "text" })
  createdBy: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was disabled (no more deliveries, none retried); null while active" })
  @Column({ name: "disabled_at", type: "timestamptz", precision: 3, nullable: true })
  disabledAt: Date | null;

  @Field({ description: "Whether events are still sent to the endpoint" })
  get active(): boolean {
    return this.disabledAt === null;
  }
}
