import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from "type-graphql";
import { Role } from "../access/roles";
import { RequestContext } from "../context";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Partner } from "./partner.entity";

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
  @Authorized(Role.INTERNAL)
  changePartnerAgreement(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => PartnerAgreementInput) input: PartnerAgreementInput,
    @Ctx() context: RequestContext,
  ): Promise<Partner> {
    const partnerId = decodeGlobalId(id, "Partner", "id");
    return context.scope.transaction(async (manager) => {
      const partner = await context.scope.select(manager, Partner, "partner").andWhere("partner.id = :partnerId", { partnerId }).setLock("pessimistic_write").getOne();
      if (!partner) throw new NotFoundError("Partner", id, "id");
      if (input.sharesContactEmail != null) partner.sharesContactEmail = input.sharesContactEmail;
      if (input.sharesContactPhone != null) partner.sharesContactPhone = input.sharesContactPhone;
      return manager.getRepository(Partner).save(partner);
    });
  }
}
