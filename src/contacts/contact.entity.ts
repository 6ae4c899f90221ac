import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeScalar, EmailAddressScalar, LocalDateScalar } from "../shared/scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

export enum ContactRole {
  DECISION_MAKER = "decision_maker",
  BUYER = "buyer",
  USER = "user",
  TECHNICAL = "technical",
}
registerEnumType(ContactRole, {
  name: "ContactRole",
  description: "What the person does in the account's buying relationship with us",
  valuesConfig: {
    DECISION_MAKER: { description: "Decides what the account buys and signs the contract" },
    BUYER: { description: "Places the orders" },
    USER: { description: "Uses what the account bought" },
    TECHNICAL: { description: "Runs the technical side: installation, integration, administration" },
  },
});

export enum ContactChannel {
  EMAIL = "email",
  PHONE = "phone",
  SMS = "sms",
  CHAT = "chat",
  IN_PERSON = "in_person",
}
registerEnumType(ContactChannel, {
  name: "ContactChannel",
  description: "How a contact prefers to be reached",
  valuesConfig: {
    EMAIL: { description: "An email to the contact's email address" },
    PHONE: { description: "A call to the contact's phone number" },
    SMS: { description: "A text message to the contact's phone number" },
    CHAT: { description: "Online chat" },
    IN_PERSON: { description: "Face to face, e.g. a visit from the account manager" },
  },
});

@Entity({ name: "contacts" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A person at an account. Email and phone are personal data" })
export class Contact implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the contact again with node(id)" })
  get globalId(): string {
    return encodeGlobalId("Contact", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Field({ description: "Given name, 1 to 100 characters; searched by the filter's `search`" })
  @Column({ name: "first_name", type: "text" })
  firstName: string;

  @Field({ description: "Family name, 1 to 100 characters; NAME sorts by it first; searched by the filter's `search`" })
  @Column({ name: "last_name", type: "text" })
  lastName: string;

  @Field(() => ContactRole, { description: "What the person does in the buying relationship" })
  @Column({ type: "text" })
  role: ContactRole;

  @Field(() => EmailAddressScalar, {
    nullable: true,
    description:
      "Email address, unique within the account in any case; null when unknown. Personal data: masked for partners whose agreement leaves email out, to the first character and the domain (j***@example.com)",
  })
  @Column({ type: "text", nullable: true })
  email: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Phone number as written, e.g. +1 (555) 010-2345; null when unknown. Personal data: masked for partners whose agreement leaves phone out, all but the last two digits (+* (***) ***-**45)",
  })
  @Column({ type: "text", nullable: true })
  phone: string | null;

  @Field(() => ContactChannel, { description: "How the person prefers to be reached" })
  @Column({ name: "preferred_channel", type: "text", default: ContactChannel.EMAIL })
  preferredChannel: ContactChannel;

  @Field({ description: "Whether the person agreed to receive marketing; false until they do" })
  @Column({ name: "marketing_consent", default: false })
  marketingConsent: boolean;

  @Field({ description: "The account's main contact; at most one per account" })
  @Column({ name: "is_primary", default: false })
  isPrimary: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: "Day of birth, never in the future; null when unknown" })
  @Column({ type: "date", nullable: true })
  birthday: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day the person took on this role; null when unknown" })
  @Column({ name: "in_role_since", type: "date", nullable: true })
  inRoleSince: string | null;

  @Field(() => DateTimeScalar, { description: "When the contact was recorded here" })
  @Column({ name: "created_at", type: "timestamptz", precision: 3, default: () => "now()" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;

  /** The record's id in the system that upserted it; see externalIdOwner. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  /** Whose id externalId is: the partner whose key upserted the record, or null for staff keys (one shared set). */
  @Column({ name: "external_id_owner", type: "uuid", nullable: true })
  externalIdOwner: string | null;
}
