import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeScalar, LocalDateScalar } from "../shared/scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

export enum AccountStatus {
  PROSPECT = "prospect",
  ACTIVE = "active",
  CHURNED = "churned",
}
registerEnumType(AccountStatus, {
  name: "AccountStatus",
  description: "Where the account stands as a customer. It may change from PROSPECT to ACTIVE, from ACTIVE to CHURNED and from CHURNED back to ACTIVE",
  valuesConfig: {
    PROSPECT: { description: "Has not bought yet; has no customerSince" },
    ACTIVE: { description: "A paying customer" },
    CHURNED: { description: "A customer who has left; may come back (ACTIVE again)" },
  },
});

export enum AccountKind {
  ORGANIZATION = "organization",
  CONSUMER = "consumer",
}
registerEnumType(AccountKind, {
  name: "AccountKind",
  description: "A paying organization, or a consumer",
  valuesConfig: {
    ORGANIZATION: { description: "A company or other organization, buying through its people (contacts)" },
    CONSUMER: { description: "A private person buying for themselves" },
  },
});

export enum Region {
  NORTH_AMERICA = "north_america",
  LATIN_AMERICA = "latin_america",
  EUROPE = "europe",
  MIDDLE_EAST_AFRICA = "middle_east_africa",
  ASIA_PACIFIC = "asia_pacific",
}
registerEnumType(Region, {
  name: "Region",
  description: "The sales region an account belongs to (its orders may be in any currency)",
  valuesConfig: {
    NORTH_AMERICA: { description: "The United States and Canada" },
    LATIN_AMERICA: { description: "Mexico, Central and South America, and the Caribbean" },
    EUROPE: { description: "Europe, the United Kingdom included" },
    MIDDLE_EAST_AFRICA: { description: "The Middle East and Africa" },
    ASIA_PACIFIC: { description: "Asia, Australia, New Zealand and the Pacific islands" },
  },
});

@ObjectType({ simpleResolvers: true, description: "The account's contract; absent for accounts without one" })
export class Contract {
  @Field(() => LocalDateScalar, { description: "The first day the contract runs" })
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day the contract ends; null for an open-ended contract" })
  endsOn: string | null;

  @Field({ description: "Whether the contract renews by itself when it ends, so that leaving takes a decision (a retention barrier)" })
  autoRenew: boolean;
}

@Entity({ name: "accounts" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A customer organization (or a consumer) that pays" })
export class Account implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the account again with account(id) or node(id)" })
  get globalId(): string {
    return encodeGlobalId("Account", this.id);
  }

  @Field({ description: "Trading name as the customer writes it, 1 to 200 characters; searched by the filter's `search`" })
  @Column({ type: "text" })
  name: string;

  @Field(() => AccountKind, { description: "An organization or a consumer" })
  @Column({ type: "text" })
  kind: AccountKind;

  @Field({ description: "The customer's industry in our words, 1 to 100 characters, e.g. Retail; filtered by exact value" })
  @Column({ type: "text" })
  industry: string;

  @Field(() => Region, { description: "The sales region the account belongs to" })
  @Column({ type: "text" })
  region: Region;

  @Field(() => Int, { nullable: true, description: "Headcount, at least 1; null when unknown" })
  @Column({ type: "integer", nullable: true })
  employees: number | null;

  @Field(() => AccountStatus, { description: "Prospect, paying customer, or churned" })
  @Column({ type: "text" })
  status: AccountStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day the account first became a paying customer; null for prospects" })
  @Column({ name: "customer_since", type: "date", nullable: true })
  customerSince: string | null;

  @Column({ name: "account_manager_id", type: "uuid", nullable: true })
  accountManagerId: string | null;

  @Column({ name: "partner_id", type: "uuid", nullable: true })
  partnerId: string | null;

  @Column({ name: "contract_starts_on", type: "date", nullable: true })
  contractStartsOn: string | null;

  @Column({ name: "contract_ends_on", type: "date", nullable: true })
  contractEndsOn: string | null;

  @Column({ name: "contract_auto_renew", default: false })
  contractAutoRenew: boolean;

  @Field(() => Contract, { nullable: true, description: "The account's contract; null when it has none" })
  get contract(): Contract | null {
    if (this.contractStartsOn === null) return null;
    return { startsOn: this.contractStartsOn, endsOn: this.contractEndsOn, autoRenew: this.contractAutoRenew };
  }

  @Field(() => Int, { description: "Loyalty points the account holds, 0 to 1,000,000,000; it would lose them by leaving (a retention barrier)" })
  @Column({ name: "loyalty_points", type: "integer", default: 0 })
  loyaltyPoints: number;

  @Field(() => DateTimeScalar, { description: "When the account was recorded here" })
  @Column({ name: "created_at", type: "timestamptz", precision: 3, default: () => "now()" })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: "When the account's own fields last changed (not its contacts, orders, tickets or assessment)" })
  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;

  /** The record's id in the system that upserted it; see externalIdOwner. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  /** Whose id externalId is: the partner whose key upserted the record, or null for staff keys (one shared set). */
  @Column({ name: "external_id_owner", type: "uuid", nullable: true })
  externalIdOwner: string | null;
}
