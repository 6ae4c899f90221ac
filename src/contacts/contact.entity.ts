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
registerEnumType(ContactRole, { name: "ContactRole" });

export enum ContactChannel {
  EMAIL = "email",
  PHONE = "phone",
  SMS = "sms",
  CHAT = "chat",
  IN_PERSON = "in_person",
}
registerEnumType(ContactChannel, { name: "ContactChannel", description: "How a contact prefers to be reached" });

@Entity({ name: "contacts" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A person at an account. Email and phone are personal data" })
export class Contact implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id" })
  get globalId(): string {
    return encodeGlobalId("Contact", this.id);
  }

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Field()
  @Column({ name: "first_name" })
  firstName: string;

  @Field()
  @Column({ name: "last_name" })
  lastName: string;

  @Field(() => ContactRole)
  @Column({ type: "text" })
  role: ContactRole;

  @Field(() => EmailAddressScalar, {
    nullable: true,
    description: "Masked for partners whose agreement leaves email out: first character and domain only (j***@example.com)",
  })
  @Column({ type: "text", nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: "Masked for partners whose agreement leaves phone out: all but the last two digits (+* (***) ***-**45)" })
  @Column({ type: "text", nullable: true })
  phone: string | null;

  @Field(() => ContactChannel)
  @Column({ name: "preferred_channel", type: "text", default: ContactChannel.EMAIL })
  preferredChannel: ContactChannel;

  @Field({ description: "Whether the contact agreed to receive marketing" })
  @Column({ name: "marketing_consent", default: false })
  marketingConsent: boolean;

  @Field({ description: "The account's main contact; at most one per account" })
  @Column({ name: "is_primary", default: false })
  isPrimary: boolean;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: "date", nullable: true })
  birthday: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Since when the contact holds this role" })
  @Column({ name: "in_role_since", type: "date", nullable: true })
  inRoleSince: string | null;

  @Field(() => DateTimeScalar)
  @Column({ name: "created_at", type: "timestamptz", precision: 3, default: () => "now()" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;
}
