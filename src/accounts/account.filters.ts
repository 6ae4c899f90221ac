import { SelectQueryBuilder } from "typeorm";
import { decodeGlobalId } from "../shared/global-id";
import { checkRange, likePattern } from "../shared/ranges";
import { Account } from "./account.entity";
import { AccountFilter } from "./account.inputs";

/** Adds the filter's conditions to a query on accounts; ids are checked before any SQL runs. */
export function applyAccountFilter(query: SelectQueryBuilder<Account>, filter: AccountFilter | null | undefined): SelectQueryBuilder<Account> {
  if (!filter) return query;
  const alias = query.alias;
  if (filter.search != null) {
    query.andWhere(`${alias}.name ILIKE :accountSearch`, { accountSearch: likePattern(filter.search) });
  }
  if (filter.industry?.length) {
    query.andWhere(`${alias}.industry = ANY(:accountIndustries)`, { accountIndustries: filter.industry });
  }
  if (filter.region?.length) {
    query.andWhere(`${alias}.region = ANY(:accountRegions)`, { accountRegions: filter.region });
  }
  if (filter.status?.length) {
    query.andWhere(`${alias}.status = ANY(:accountStatuses)`, { accountStatuses: filter.status });
  }
  if (filter.partnerId != null) {
    const partnerId = decodeGlobalId(filter.partnerId, "Partner", "filter.partnerId");
    query.andWhere(`${alias}.partner_id = :accountPartnerId`, { accountPartnerId: partnerId });
  }
  if (filter.accountManagerId != null) {
    const managerId = decodeGlobalId(filter.accountManagerId, "AccountManager", "filter.accountManagerId");
    query.andWhere(`${alias}.account_manager_id = :accountManagerId`, { accountManagerId: managerId });
  }
  const since = filter.customerSince;
  if (since) {
    checkRange("filter.customerSince", since.from, since.to);
    if (since.from != null) query.andWhere(`${alias}.customer_since >= :customerSinceFrom`, { customerSinceFrom: since.from });
    if (since.to != null) query.andWhere(`${alias}.customer_since <= :customerSinceTo`, { customerSinceTo: since.to });
  }
  addAssessmentCondition(query, "tier", "accountTiers", filter.tier);
  addAssessmentCondition(query, "lifecycle_stage", "accountLifecycleStages", filter.lifecycleStage);
  addAssessmentCondition(query, "retention_risk", "accountRetentionRisks", filter.retentionRisk);
  return query;
}

/** Accounts whose current assessment has one of the values; an account not yet assessed matches none. */
function addAssessmentCondition(query: SelectQueryBuilder<Account>, column: string, parameter: string, values: string[] | null | undefined): void {
  if (!values?.length) return;
  query.andWhere(
    `EXISTS (SELECT 1 FROM account_assessments assessment WHERE assessment.account_id = ${query.alias}.id AND assessment.${column} = ANY(:${parameter}))`,
    { [parameter]: values },
  );
}
