import { DataScope } from "../../access/data-scope";
import { loaderById } from "../../access/scoped-loaders";
import { AccountAssessment, Retention } from "./assessment.types";
import { AssessmentSummary } from "../results/assessment-summary.entity";
import { Explanation } from "./explanation.types";
import { NearMiss } from "./near-miss.types";

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

/** The loaders of the policy results of one request: one query per batch of accounts or tickets. */
export function createPolicyLoaders(scope: DataScope) {
  return {
    assessmentByAccountId: loaderById<StoredAssessment>(async (accountIds) => {
      const summaries = await scope.read((manager) =>
        scope.select(manager, AssessmentSummary, "assessment").andWhere("assessment.account_id = ANY(:accountIds)", { accountIds }).getMany(),
      );
      return summaries.map(toStoredAssessment);
    }),
    assessmentDetailsByAccountId: loaderById<AssessmentDetails>((accountIds) => {
      const parameters: unknown[] = [accountIds];
      const visible = scope.accountCondition("account_id", parameters);
      return scope.read((manager) =>
        manager.query(
          `SELECT account_id AS id, facts, tiering_explanation AS "tieringExplanation", near_miss AS "nearMiss",
                  retention_explanation AS "retentionExplanation"
           FROM account_assessments WHERE account_id = ANY($1) AND ${visible}`,
          parameters,
        ),
      );
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

function toStoredAssessment(summary: AssessmentSummary): StoredAssessment {
  const common = { accountId: summary.accountId, rulesVersion: summary.rulesVersion, evaluatedAt: summary.evaluatedAt };
  return {
    id: summary.accountId,
    assessment: { ...common, tier: summary.tier, lifecycleStage: summary.lifecycleStage },
    retention: {
      ...common,
      risk: summary.retentionRisk,
      riskScore: summary.riskScore,
      signals: summary.signals,
      barriers: summary.barriers,
      actions: summary.actions,
      letGo: summary.letGo,
      letGoReason: summary.letGoReason,
    },
  };
}

export type PolicyLoaders = ReturnType<typeof createPolicyLoaders>;
