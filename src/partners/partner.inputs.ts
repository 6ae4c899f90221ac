import { Field, InputType } from "type-graphql";

@InputType({ description: "Which personal data the partner's agreement includes; a field left out stays as it is" })
export class PartnerAgreementInput {
  @Field({ nullable: true, description: "true: the partner's keys see contacts' email addresses in full; false: masked; null or left out: unchanged" })
  sharesContactEmail?: boolean;

  @Field({ nullable: true, description: "true: the partner's keys see contacts' phone numbers in full; false: masked; null or left out: unchanged" })
  sharesContactPhone?: boolean;
}
