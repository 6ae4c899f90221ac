import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { ScopedRequest } from "../access/scoped-request";
import { payloadOf } from "../shared/mutation-payload";
import { Partner } from "./partner.entity";
import { PartnerAgreementInput } from "./partner.inputs";
import { PartnerAgreementChangeInput, PartnerAgreementChangePayload } from "./partner.payloads";
import { changePartnerAgreement } from "./partner.service";

@Resolver(() => Partner)
export class PartnerResolver {
  @Mutation(() => Partner, {
    description: "Records what the partner's agreement allows it to see; its keys follow within 10 seconds. Internal keys only",
    deprecationReason: "Use partnerAgreementChange: the id inside its one input, a nullable payload with userErrors",
  })
  changePartnerAgreement(
    @Arg("id", () => ID, { description: "The Partner id" }) id: string,
    @Arg("input", () => PartnerAgreementInput, { description: "What the agreement now includes" }) input: PartnerAgreementInput,
    @Ctx() context: ScopedRequest,
  ): Promise<Partner> {
    return changePartnerAgreement(context.scope, id, input);
  }

  @Mutation(() => PartnerAgreementChangePayload, {
    nullable: true,
    description:
      "Records what the partner's agreement allows it to see; its keys follow within 10 seconds; refusals come back in userErrors. Internal keys only",
  })
  partnerAgreementChange(
    @Arg("input", () => PartnerAgreementChangeInput, {
      validate: false,
      description: "The partner, what its agreement now includes, and the client's mutation id",
    })
    input: PartnerAgreementChangeInput,
    @Ctx() context: ScopedRequest,
  ): Promise<PartnerAgreementChangePayload> {
    return payloadOf(context, input, async () => ({ partner: await changePartnerAgreement(context.scope, input.partnerId, input) }), { id: "partnerId" });
  }
}
