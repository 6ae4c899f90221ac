import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { EmailAddressScalar } from "../shared/scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

@Entity({ name: "account_managers" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A staff member who owns the relationship with accounts" })
export class AccountManager implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id" })
  get globalId(): string {
    return encodeGlobalId("AccountManager", this.id);
  }

  @Field()
  @Column()
  name: string;

  @Field(() => EmailAddressScalar)
  @Column()
  email: string;
}
