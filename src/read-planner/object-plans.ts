import { accountListQuery } from "../accounts/account.service";
import { AccountFilter } from "../accounts/account.inputs";
import { AccountManager } from "../account-managers/account-manager.entity";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { ContactFilter } from "../contacts/contact.inputs";
import { accountContactListQuery, contactListQuery } from "../contacts/contact.service";
import { OrderLine } from "../orders/order-line.entity";
import { OrderFilter } from "../orders/order.inputs";
import { orderListQuery } from "../orders/order.service";
import { Partner } from "../partners/partner.entity";
import { checkAssessmentFilter } from "../policies/graphql/assessment-filter";
import { VocabularyDecision } from "../policies/policy-vocabulary";
import { NodeTypeName, tryDecodeGlobalId } from "../shared/global-id";
import { TicketFilter } from "../tickets/ticket.inputs";
import { ticketListQuery } from "../tickets/ticket.service";
import { connectionSql } from "./connection-sql";
import { listArguments } from "./list-arguments";
import { FieldSql, ObjectPlan, objectOfExpressions, objectSql, refusedSql } from "./object-sql";
import { NotPlannable, PlanContext } from "./plan-context";
import { FieldRequest } from "./requested-fields";
import { decimalAmountSql, globalIdSql, isoTimestampSql, maskedEmailSql, maskedPhoneSql } from "./sql-formats";

const column =
  (name: string): FieldSql =>
  (_request, row) =>
    `${row}.${name}`;
const timestamp =
  (name: string): FieldSql =>
  (_request, row) =>
    isoTimestampSql(`${row}.${name}`);
const globalId =
  (typeName: NodeTypeName): FieldSql =>
  (_request, row) =>
    globalIdSql(typeName, `${row}.id`);

/** A `Money` of integer minor units and a currency, as `Money` writes its amount. */
function moneySql(request: FieldRequest, plan: PlanContext, minorUnits: string, currency: string): string {
  return objectOfExpressions(request, plan, { minorUnits, currency, amount: decimalAmountSql(minorUnits, currency) });
}

/** A node of an entity type, written by that type's plan. */
const nodeOf = (plan: PlanContext) => (request: FieldRequest, row: string) => objectSql(request, row, plan, objectPlans);

/** One row of `entity` that the scope may see, e.g. a ticket's account; null when there is none. */
function referenceSql(entity: typeof Account | typeof Contact | typeof AccountManager | typeof Partner, foreignKey: string): FieldSql {
  return (request, row, plan) => {
    const alias = plan.alias("referenced");
    const query = plan.scope
      .select(plan.manager, entity, alias)
      .select(objectSql(request, alias, plan, objectPlans), "value")
      .andWhere(`${alias}.id = ${row}.${foreignKey}`);
    plan.adoptParameters(query.getParameters());
    return `(${query.getQuery()})`;
  };
}

/** An order's lines in position order, priced in the order's currency (`OrderResolver.lines`). */
const orderLines: FieldSql = (request, row, plan) => {
  const alias = plan.alias("line");
  const linePlan: ObjectPlan = {
    position: column("position"),
    product: column("product"),
    quantity: column("quantity"),
    unitPrice: (money) => moneySql(money, plan, `${alias}.unit_price_minor`, `${row}.currency`),
    amount: (money) => moneySql(money, plan, `${alias}.unit_price_minor * ${alias}.quantity`, `${row}.currency`),
  };
  const query = plan.scope
    .select(plan.manager, OrderLine, alias)
    .select(`coalesce(json_agg(${objectSql(request, alias, plan, { OrderLine: linePlan })} ORDER BY ${alias}.position), '[]'::json)`, "value")
    .andWhere(`${alias}.order_id = ${row}.id`);
  plan.adoptParameters(query.getParameters());
  return `(${query.getQuery()})`;
};

/**
 * A decision's rank as `policy-vocabulary.resolver.ts` gives it: the value's place in the request's
 * rule set's declared order (from 1), null when that rule set does not declare it.
 */
const rankSql = (plan: PlanContext, decision: VocabularyDecision, expression: string) => () => {
  const names = plan.ruleSet.vocabulary[decision].map((value) => value.name);
  return `array_position(CAST(${plan.parameter(names)} AS text[]), ${expression})`;
};

/** The stored assessment's list fields (`AccountPolicyResolver.assessment`); null until first evaluated. */
const assessment: FieldSql = (request, row, plan) => {
  const alias = plan.alias("assessment");
  const value = objectOfExpressions(request, plan, {
    tier: `${alias}.tier`,
    tierRank: rankSql(plan, "tiers", `${alias}.tier`),
    lifecycleStage: `${alias}.lifecycle_stage`,
    lifecycleStageRank: rankSql(plan, "lifecycleStages", `${alias}.lifecycle_stage`),
    rulesVersion: `${alias}.rules_version`,
    evaluatedAt: isoTimestampSql(`${alias}.evaluated_at`),
  });
  return `(SELECT ${value} FROM account_assessments ${alias} WHERE ${alias}.account_id = ${row}.id)`;
};

/** The stored retention result (`AccountPolicyResolver.retention`, staff only); null until first evaluated. */
const retention: FieldSql = (request, row, plan) => {
  const alias = plan.alias("retention");
  const value = objectOfExpressions(request, plan, {
    risk: `${alias}.retention_risk`,
    riskRank: rankSql(plan, "retentionRisks", `${alias}.retention_risk`),
    riskScore: `${alias}.risk_score`,
    // As the policy stored them: RetentionSignal's fields are plain properties of each signal.
    signals: `${alias}.signals`,
    barriers: `${alias}.barriers`,
    actions: `${alias}.actions`,
    letGo: `${alias}.let_go`,
    letGoReason: `${alias}.let_go_reason`,
    rulesVersion: `${alias}.rules_version`,
    evaluatedAt: isoTimestampSql(`${alias}.evaluated_at`),
  });
  return `(SELECT ${value} FROM account_assessments ${alias} WHERE ${alias}.account_id = ${row}.id)`;
};

/**
 * `TicketPolicyResolver.servicePriority`: the stored priority, and whether its targets are missed
 * now. The resolver reads both targets and both times as Dates; a time it cannot (infinity, a
 * target missing) fails it, so such a row is refused.
 */
const servicePriority: FieldSql = (request, row, plan) => {
  const late = (doneAt: string, dueAt: string) => `(coalesce(${row}.${doneAt}, statement_timestamp()) > ${row}.${dueAt})`;
  const firstResponseBreached = late("first_responded_at", "first_response_due_at");
  const resolutionBreached = late("resolution_paused_since", "resolution_due_at");
  const value = objectOfExpressions(request, plan, {
    level: `${row}.priority_level`,
    levelRank: rankSql(plan, "priorityLevels", `${row}.priority_level`),
    lane: `${row}.priority_lane`,
    laneRank: rankSql(plan, "priorityLanes", `${row}.priority_lane`),
    firstResponseDueAt: isoTimestampSql(`${row}.first_response_due_at`),
    resolutionDueAt: isoTimestampSql(`${row}.resolution_due_at`),
    firstResponseBreached,
    resolutionBreached,
    breached: `(${firstResponseBreached} OR ${resolutionBreached})`,
    rulesVersion: `${row}.priority_rules_version`,
    evaluatedAt: isoTimestampSql(`${row}.priority_evaluated_at`),
  });
  const finite = (column: string, nullable: boolean) => `${nullable ? `${row}.${column} IS NULL OR ` : ""}isfinite(${row}.${column})`;
  const computable = [
    finite("first_response_due_at", false),
    finite("resolution_due_at", false),
    finite("first_responded_at", true),
    finite("resolution_paused_since", true),
  ];
  return `CASE WHEN ${row}.priority_level IS NULL THEN NULL WHEN (${computable.join(") AND (")}) THEN ${value} ELSE ${refusedSql("the times of the priority are not instants")} END`;
};

const accountOf = (foreignKey: string) => referenceSql(Account, foreignKey);

/** The object types the planner writes, field by field; what is not here is left to the resolvers. */
export const objectPlans: Readonly<Record<string, ObjectPlan>> = {
  Account: {
    id: globalId("Account"),
    name: column("name"),
    kind: column("kind"),
    industry: column("industry"),
    region: column("region"),
    employees: column("employees"),
    status: column("status"),
    customerSince: column("customer_since"),
    loyaltyPoints: column("loyalty_points"),
    createdAt: timestamp("created_at"),
    updatedAt: timestamp("updated_at"),
    contract: (request, row, plan) => {
      const value = objectOfExpressions(request, plan, {
        startsOn: `${row}.contract_starts_on`,
        endsOn: `${row}.contract_ends_on`,
        autoRenew: `${row}.contract_auto_renew`,
      });
      return `CASE WHEN ${row}.contract_starts_on IS NULL THEN NULL ELSE ${value} END`;
    },
    assessment,
    retention,
    accountManager: referenceSql(AccountManager, "account_manager_id"),
    partner: referenceSql(Partner, "partner_id"),
    contacts: (request, row, plan) =>
      connectionSql(
        accountContactListQuery(plan.scope, listArguments(request, ContactFilter)),
        request,
        plan,
        nodeOf(plan),
        (alias) => `${alias}.account_id = ${row}.id`,
      ),
    orders: (request, row, plan) =>
      connectionSql(orderListQuery(plan.scope, listArguments(request, OrderFilter)), request, plan, nodeOf(plan), (alias) => `${alias}.account_id = ${row}.id`),
    tickets: (request, row, plan) =>
      connectionSql(
        ticketListQuery(plan.scope, listArguments(request, TicketFilter)),
        request,
        plan,
        nodeOf(plan),
        (alias) => `${alias}.account_id = ${row}.id`,
      ),
  },
  Contact: {
    id: globalId("Contact"),
    firstName: column("first_name"),
    lastName: column("last_name"),
    role: column("role"),
    email: (_request, row, plan) => (plan.scope.personalData.contactEmail ? `${row}.email` : maskedEmailSql(`${row}.email`)),
    phone: (_request, row, plan) => (plan.scope.personalData.contactPhone ? `${row}.phone` : maskedPhoneSql(`${row}.phone`)),
    preferredChannel: column("preferred_channel"),
    marketingConsent: column("marketing_consent"),
    isPrimary: column("is_primary"),
    birthday: column("birthday"),
    inRoleSince: column("in_role_since"),
    createdAt: timestamp("created_at"),
    account: accountOf("account_id"),
  },
  Order: {
    id: globalId("Order"),
    placedAt: timestamp("placed_at"),
    status: column("status"),
    channel: column("channel"),
    total: (request, row, plan) => moneySql(request, plan, `${row}.total_minor`, `${row}.currency`),
    updatedAt: timestamp("updated_at"),
    lines: orderLines,
    account: accountOf("account_id"),
  },
  Ticket: {
    id: globalId("Ticket"),
    subject: column("subject"),
    category: column("category"),
    severity: column("severity"),
    status: column("status"),
    channel: column("channel"),
    openedAt: timestamp("opened_at"),
    firstRespondedAt: timestamp("first_responded_at"),
    resolvedAt: timestamp("resolved_at"),
    closedAt: timestamp("closed_at"),
    satisfaction: column("satisfaction"),
    servicePriority,
    account: accountOf("account_id"),
    contact: referenceSql(Contact, "contact_id"),
  },
  AccountManager: { id: globalId("AccountManager"), name: column("name"), email: column("email") },
  Partner: {
    id: globalId("Partner"),
    name: column("name"),
    kind: column("kind"),
    sharesContactEmail: column("shares_contact_email"),
    sharesContactPhone: column("shares_contact_phone"),
  },
};

/** The root lists the planner writes, each one statement. */
export const rootListPlans: Readonly<Record<string, (request: FieldRequest, plan: PlanContext) => string>> = {
  accounts: (request, plan) => {
    const list = listArguments(request, AccountFilter);
    checkAssessmentFilter(list.filter, plan.ruleSet);
    return connectionSql(accountListQuery(plan.scope, list.filter, list.orderBy, list.page), request, plan, nodeOf(plan));
  },
  contacts: (request, plan) => connectionSql(contactListQuery(plan.scope, listArguments(request, ContactFilter)), request, plan, nodeOf(plan)),
  orders: (request, plan) => connectionSql(orderListQuery(plan.scope, listArguments(request, OrderFilter)), request, plan, nodeOf(plan)),
  tickets: (request, plan) => connectionSql(ticketListQuery(plan.scope, listArguments(request, TicketFilter)), request, plan, nodeOf(plan)),
};

/** `account(id:)`: the account, if the scope may see it; an id of another type is the resolver's null. */
export function accountByIdSql(request: FieldRequest, plan: PlanContext): string {
  const decoded = tryDecodeGlobalId(String(request.arguments.id));
  if (decoded?.typeName !== "Account") throw new NotPlannable("not an account id");
  const alias = plan.alias("account");
  const query = plan.scope
    .select(plan.manager, Account, alias)
    .select(objectSql(request, alias, plan, objectPlans), "value")
    .andWhere(`${alias}.id = ${plan.parameter(decoded.databaseId)}`);
  plan.adoptParameters(query.getParameters());
  return `(${query.getQuery()})`;
}
