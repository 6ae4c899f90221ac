import { DataScope } from "../../access/data-scope";
import { loaderById } from "../../shared/loaders";
import { AccountAssessment, Retention } from "./assessment.types";
import { Explanation } from "./explanation.types";

export interface StoredAssessment {
  id: string;
  assessment: AccountAssessment;
  retention: Retention;
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
  facts: Record<string, unknown>;
  tiering_explanation: Explanation;
  near_miss: AccountAssessment["nearMiss"];
  retention_explanation: Explanation;
  rules_version: string;
  evaluated_at: Date;
}

/** The loaders of the policy results of one request: one query per batch of accounts or tickets. */
export function createPolicyLoaders(scope: DataScope) {
  return {
    assessmentByAccountId: loaderById<StoredAssessment>(async (accountIds) => {
      const parameters: unknown[] = [accountIds];
      const visible = scope.accountCondition("account_id", parameters);
      const rows: AssessmentRow[] = await scope.read((manager) =>
        manager.query(`SELECT * FROM account_assessments WHERE account_id = ANY($1) AND ${visible}`, parameters),
      );
      return rows.map(toStoredAssessment);
    }),
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
  const common = { rulesVersion: row.rules_version, evaluatedAt: row.evaluated_at };
  return {
    id: row.account_id,
    assessment: {
      ...common,
      tier: row.tier,
      lifecycleStage: row.lifecycle_stage,
      facts: row.facts,
      explanation: row.tiering_explanation,
      nearMiss: row.near_miss,
    },
    retention: {
      ...common,
      risk: row.retention_risk,
      riskScore: row.risk_score,
      signals: row.signals,
      barriers: row.barriers,
      actions: row.actions,
      letGo: row.let_go,
      letGoReason: row.let_go_reason,
      explanation: row.retention_explanation,
    },
  };
}
