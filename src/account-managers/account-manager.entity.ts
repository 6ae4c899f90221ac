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

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the account manager again with node(id)" })
  get globalId(): string {
    return encodeGlobalId("AccountManager", this.id);
  }

  @Field({ description: "Full name, as customers know the person" })
  @Column({ type: "text" })
  name: string;

  @Field(() => EmailAddressScalar, { description: "Work email address, for customers and colleagues to reach the person" })
  @Column({ type: "text" })
  email: string;
}
