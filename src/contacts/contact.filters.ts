import { SelectQueryBuilder } from "typeorm";
import { PersonalDataAccess } from "../access/roles";
import { decodeGlobalId } from "../shared/global-id";
import { likePattern } from "../shared/ranges";
import { Contact } from "./contact.entity";
import { ContactFilter } from "./contact.inputs";

/** Adds the filter's conditions to a query on contacts; ids are checked before any SQL runs. */
export function applyContactFilter(
  query: SelectQueryBuilder<Contact>,
  filter: ContactFilter | null | undefined,
  personalData: PersonalDataAccess,
): SelectQueryBuilder<Contact> {
  if (!filter) return query;
  const alias = query.alias;
  if (filter.accountId != null) {
    const accountId = decodeGlobalId(filter.accountId, "Account", "filter.accountId");
    query.andWhere(`${alias}.account_id = :contactAccountId`, { contactAccountId: accountId });
  }
  if (filter.role?.length) {
    query.andWhere(`${alias}.role = ANY(:contactRoles)`, { contactRoles: filter.role });
  }
  if (filter.search != null) {
    // A masked email is not searched: a match would reveal what the mask hides.
    const searched = [`${alias}.first_name`, `${alias}.last_name`, ...(personalData.contactEmail ? [`${alias}.email`] : [])];
    query.andWhere(`(${searched.map((column) => `${column} ILIKE :contactSearch`).join(" OR ")})`, { contactSearch: likePattern(filter.search) });
  }
  if (filter.isPrimary != null) {
    query.andWhere(`${alias}.is_primary = :contactIsPrimary`, { contactIsPrimary: filter.isPrimary });
  }
  if (filter.marketingConsent != null) {
    query.andWhere(`${alias}.marketing_consent = :contactMarketingConsent`, { contactMarketingConsent: filter.marketingConsent });
  }
  return query;
}
