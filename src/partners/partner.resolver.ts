import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from "type-graphql";
import { ScopedRequest } from "../access/scoped-request";
import { Partner } from "./partner.entity";
import { changePartnerAgreement } from "./partner.service";

@InputType({ description: "Which personal data the partner's agreement includes; a field left out stays as it is" })
export class PartnerAgreementInput {
  @Field({ nullable: true, description: "true: the partner's keys see contacts' email addresses in full; false: masked; null or left out: unchanged" })
  sharesContactEmail?: boolean;

  @Field({ nullable: true, description: "true: the partner's keys see contacts' phone numbers in full; false: masked; null or left out: unchanged" })
  sharesContactPhone?: boolean;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Mutation(() => Partner, {
    description: "Records what the partner's agreement allows it to see; its keys follow within 10 seconds. Internal keys only",
  })
  changePartnerAgreement(
    @Arg("id", () => ID, { description: "The Partner id" }) id: string,
    @Arg("input", () => PartnerAgreementInput, { description: "What the agreement now includes" }) input: PartnerAgreementInput,
    @Ctx() context: ScopedRequest,
  ): Promise<Partner> {
    return changePartnerAgreement(context.scope, id, input);
  }
}
