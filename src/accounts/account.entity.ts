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
registerEnumType(AccountStatus, { name: "AccountStatus" });

export enum AccountKind {
  ORGANIZATION = "organization",
  CONSUMER = "consumer",
}
registerEnumType(AccountKind, { name: "AccountKind", description: "A paying organization, or a consumer" });

export enum Region {
  NORTH_AMERICA = "north_america",
  LATIN_AMERICA = "latin_america",
  EUROPE = "europe",
  MIDDLE_EAST_AFRICA = "middle_east_africa",
  ASIA_PACIFIC = "asia_pacific",
}
registerEnumType(Region, { name: "Region" });

@ObjectType({ simpleResolvers: true, description: "The account's contract; absent for accounts without one" })
export class Contract {
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Absent for open-ended contracts" })
  endsOn: string | null;

  @Field()
  autoRenew: boolean;
}

@Entity({ name: "accounts" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A customer organization (or a consumer) that pays" })
export class Account implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id" })
  get globalId(): string {
    return encodeGlobalId("Account", this.id);
  }

  @Field()
  @Column()
  name: string;

  @Field(() => AccountKind)
  @Column({ type: "text" })
  kind: AccountKind;

  @Field()
  @Column()
  industry: string;

  @Field(() => Region)
  @Column({ type: "text" })
  region: Region;

  @Field(() => Int, { nullable: true, description: "Headcount; absent when unknown" })
  @Column({ type: "integer", nullable: true })
  employees: number | null;

  @Field(() => AccountStatus)
  @Column({ type: "text" })
  status: AccountStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: "When the account first became a paying customer" })
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

  @Field(() => Contract, { nullable: true })
  get contract(): Contract | null {
    if (this.contractStartsOn === null) return null;
    return { startsOn: this.contractStartsOn, endsOn: this.contractEndsOn, autoRenew: this.contractAutoRenew };
  }

  @Field(() => Int)
  @Column({ name: "loyalty_points", type: "integer", default: 0 })
  loyaltyPoints: number;

  @Field(() => DateTimeScalar)
  @Column({ name: "created_at", type: "timestamptz", precision: 3, default: () => "now()" })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @Column({ name: "updated_at", type: "timestamptz", precision: 3, default: () => "now()" })
  updatedAt: Date;
}
