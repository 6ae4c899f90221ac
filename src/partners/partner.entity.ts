import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { encodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

export enum PartnerKind {
  RESELLER = "reseller",
  SERVICE_PARTNER = "service_partner",
}
registerEnumType(PartnerKind, {
  name: "PartnerKind",
  description: "How a partner works with the accounts it looks after",
  valuesConfig: {
    RESELLER: { description: "Sells our products to its accounts" },
    SERVICE_PARTNER: { description: "Serves and supports its accounts on our behalf" },
  },
});

@Entity({ name: "partners" })
@ObjectType({ simpleResolvers: true, implements: Node, description: "A reseller or service partner that looks after some accounts" })
export class Partner implements Node {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { name: "id", description: "Opaque global id; fetch the partner again with node(id); the id a partner's API key is made for" })
  get globalId(): string {
    return encodeGlobalId("Partner", this.id);
  }

  @Field({ description: "The partner's company name" })
  @Column({ type: "text" })
  name: string;

  @Field(() => PartnerKind, { description: "Reseller or service partner" })
  @Column({ type: "text" })
  kind: PartnerKind;

  @Field({ description: "Whether the partner's agreement includes contacts' email addresses (else a partner sees them masked)" })
  @Column({ name: "shares_contact_email", default: false })
  sharesContactEmail: boolean;

  @Field({ description: "Whether the partner's agreement includes contacts' phone numbers (else a partner sees them masked)" })
  @Column({ name: "shares_contact_phone", default: false })
  sharesContactPhone: boolean;
}
