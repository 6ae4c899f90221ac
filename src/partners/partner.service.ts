import { DataScope } from "../access/data-scope";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";
import { Partner } from "./partner.entity";

export interface PartnerAgreementChanges {
  sharesContactEmail?: boolean | null;
  sharesContactPhone?: boolean | null;
}

/** Records what a partner's agreement lets it see; a change left out keeps its value. */
export function changePartnerAgreement(scope: DataScope, globalId: string, changes: PartnerAgreementChanges): Promise<Partner> {
  const partnerId = decodeGlobalId(globalId, "Partner", "id");
  return scope.transaction(async (manager) => {
    const partner = await scope.select(manager, Partner, "partner").andWhere("partner.id = :partnerId", { partnerId }).setLock("pessimistic_write").getOne();
    if (!partner) throw new NotFoundError("Partner", globalId, "id");
    if (changes.sharesContactEmail != null) partner.sharesContactEmail = changes.sharesContactEmail;
    if (changes.sharesContactPhone != null) partner.sharesContactPhone = changes.sharesContactPhone;
    return manager.getRepository(Partner).save(partner);
  });
}
