import { Field, ID, InputType, ObjectType } from "type-graphql";
import { MutationPayload, withClientMutationId } from "../shared/mutation-payload";
import { Partner } from "./partner.entity";
import { PartnerAgreementInput } from "./partner.inputs";

@InputType({ description: "The partner and what its agreement now allows it to see (partnerAgreementChange); a field left out stays as it is" })
export class PartnerAgreementChangeInput extends withClientMutationId(PartnerAgreementInput) {
  @Field(() => ID, { description: "The partner whose agreement changed" })
  partnerId: string;
}

@ObjectType({ description: "What partnerAgreementChange did: the partner as its agreement now stands, or why it refused" })
export class PartnerAgreementChangePayload extends MutationPayload {
  @Field(() => Partner, { nullable: true, description: "The partner with its agreement as changed; its keys follow within 10 seconds" })
  partner?: Partner;
}
