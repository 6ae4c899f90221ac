import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from "type-graphql";
import { ScopedRequest } from "../access/scoped-request";
import { Partner } from "./partner.entity";
import { changePartnerAgreement } from "./partner.service";

@InputType({ description: "Which personal data the partner's agreement includes; a field left out stays as it is" })
export class PartnerAgreementInput {
  @Field({ nullable: true })
  sharesContactEmail?: boolean;

  @Field({ nullable: true })
  sharesContactPhone?: boolean;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Mutation(() => Partner, { description: "Records what the partner's agreement allows it to see; its keys follow within 10 seconds" })
  changePartnerAgreement(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => PartnerAgreementInput) input: PartnerAgreementInput,
    @Ctx() context: ScopedRequest,
  ): Promise<Partner> {
    return changePartnerAgreement(context.scope, id, input);
  }
}
