import { DataScope } from "../../access/data-scope";
import { loaderById } from "../../shared/loaders";
import { AccountAssessment, Retention } from "./assessment.types";
import { Explanation, NearMiss } from "./explanation.types";

export interface StoredAssessment {
  id: string;
  assessment: AccountAssessment;
  retention: Retention;
}

/** The bulky part of an assessment: read only when a query asks for facts or explanations. */
export interface AssessmentDetails {
  id: string;
  facts: Record<string, unknown>;
  tieringExplanation: Explanation;
  nearMiss: NearMiss | null;
  retentionExplanation: Explanation;
}

interface AssessmentRow {
  account_id: string;
  tier: string;
  lifecycle_stage: string;
  retention_risk: string;
  risk_score: number;
  signals: Retention["signals"];
  barriers: string[];
  actions: string[];
  let_go: boolean;
  let_go_reason: string | null;
  rules_version: string;
  evaluated_at: Date;
}

const assessmentColumns =
  "account_id, tier, lifecycle_stage, retention_risk, risk_score, signals, barriers, actions, let_go, let_go_reason, rules_version, evaluated_at";

/** The loaders of the policy results of one request: one query per batch of accounts or tickets. */
export function createPolicyLoaders(scope: DataScope) {
  /** One statement for the ids of a batch, limited to the accounts the scope may see. */
  const readForAccounts = <Row>(sql: (visible: string) => string, accountIds: ReadonlyArray<string>): Promise<Row[]> => {
    const parameters: unknown[] = [accountIds];
    const visible = scope.accountCondition("account_id", parameters);
    return scope.read((manager) => manager.query(sql(visible), parameters));
  };
  return {
    assessmentByAccountId: loaderById<StoredAssessment>(async (accountIds) => {
      const rows = await readForAccounts<AssessmentRow>((visible) => `SELECT ${assessmentColumns} FROM account_assessments WHERE account_id = ANY($1) AND ${visible}`, accountIds);
      return rows.map(toStoredAssessment);
    }),
    assessmentDetailsByAccountId: loaderById<AssessmentDetails>((accountIds) =>
      readForAccounts(
        (visible) =>
          `SELECT account_id AS id, facts, tiering_explanation AS "tieringExplanation", near_miss AS "nearMiss",
                  retention_explanation AS "retentionExplanation"
           FROM account_assessments WHERE account_id = ANY($1) AND ${visible}`,
        accountIds,
      ),
    ),
    priorityExplanationByTicketId: loaderById<{ id: string; explanation: Explanation }>((ticketIds) => {
      const parameters: unknown[] = [ticketIds];
      const visible = scope.accountCondition("ticket.account_id", parameters);
      return scope.read((manager) =>
        manager.query(
          `SELECT explanation.ticket_id AS id, explanation.explanation FROM ticket_priority_explanations explanation
           JOIN tickets ticket ON ticket.id = explanation.ticket_id
           WHERE explanation.ticket_id = ANY($1) AND ${visible}`,
          parameters,
        ),
      );
    }),
  };
}

function toStoredAssessment(row: AssessmentRow): StoredAssessment {
  const common = { accountId: row.account_id, rulesVersion: row.rules_version, evaluatedAt: row.evaluated_at };
  return {
    id: row.account_id,
    assessment: { ...common, tier: row.tier, lifecycleStage: row.lifecycle_stage },
    retention: {
      ...common,
      risk: row.retention_risk,
      riskScore: row.risk_score,
      signals: row.signals,
      barriers: row.barriers,
      actions: row.actions,
      letGo: row.let_go,
      letGoReason: row.let_go_reason,
    },
  };
}
