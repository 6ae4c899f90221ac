import { EntityManager } from "typeorm";
import { AccountPolicyOutcome } from "../evaluation/assess";

export interface AccountOutcomeToWrite {
  accountId: string;
  outcome: AccountPolicyOutcome;
}

/**
 * Upserts the assessments of a batch of accounts and adds a history row for each account whose tier,
 * stage, risk, let-go or actions changed (or that had none), all in one statement.
 * Returns how many accounts changed.
 */
export async function writeAccountAssessments(
  manager: EntityManager,
  outcomes: readonly AccountOutcomeToWrite[],
  rulesVersion: string,
  evaluatedAt: Date,
): Promise<number> {
  if (outcomes.length === 0) return 0;
  const rows = outcomes.map(({ accountId, outcome: { facts, tiering, retention } }) => ({
    account_id: accountId,
    tier: tiering.tier,
    lifecycle_stage: tiering.lifecycleStage,
    retention_risk: retention.risk,
    risk_score: retention.riskScore,
    signals: retention.signals,
    barriers: retention.barriers,
    actions: retention.actions,
    let_go: retention.letGo,
    let_go_reason: retention.letGoReason,
    revenue_12m_usd: facts.revenue12m ?? 0,
    facts,
    tiering_explanation: tiering.explanation,
    near_miss: tiering.nearMiss,
    retention_explanation: retention.explanation,
  }));
  const [{ changed }]: { changed: number }[] = await manager.query(writeStatement, [JSON.stringify(rows), evaluatedAt, rulesVersion]);
  return changed;
}

// Existing rows are updated and new ones inserted: an INSERT ... ON CONFLICT for all of them was measured
// twice as slow. A row written after this evaluation's moment by the same rule set is newer: it stays.
const writeStatement = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS row (
      account_id uuid, tier text, lifecycle_stage text, retention_risk text, risk_score integer,
      signals jsonb, barriers jsonb, actions jsonb, let_go boolean, let_go_reason text, revenue_12m_usd numeric,
      facts jsonb, tiering_explanation jsonb, near_miss jsonb, retention_explanation jsonb)
  ),
  previous AS (
    SELECT assessment.account_id, assessment.tier, assessment.lifecycle_stage, assessment.retention_risk, assessment.let_go, assessment.actions,
      (assessment.rules_version = $3 AND assessment.evaluated_at > $2) AS newer
    FROM account_assessments assessment JOIN input USING (account_id)
  ),
  history AS (
    INSERT INTO account_assessment_history (account_id, changed_at, rules_version, previous_tier, tier,
      previous_lifecycle_stage, lifecycle_stage, previous_retention_risk, retention_risk, let_go, actions)
    SELECT input.account_id, $2, $3, previous.tier, input.tier, previous.lifecycle_stage, input.lifecycle_stage,
      previous.retention_risk, input.retention_risk, input.let_go, input.actions
    FROM input LEFT JOIN previous USING (account_id)
    WHERE previous.newer IS NOT TRUE
      AND (previous.tier, previous.lifecycle_stage, previous.retention_risk, previous.let_go, previous.actions)
        IS DISTINCT FROM (input.tier, input.lifecycle_stage, input.retention_risk, input.let_go, input.actions)
    RETURNING account_id, previous_tier, tier, previous_lifecycle_stage, lifecycle_stage, previous_retention_risk, retention_risk
  ),
  events AS (
    -- The outbox, in the statement of the change: one event per decision that changed (the first evaluation included).
    INSERT INTO domain_events (type, occurred_at, rules_version, account_id, subject_id, before, after)
    SELECT change.type, $2, $3, history.account_id, history.account_id,
      CASE WHEN change.before IS NULL THEN NULL ELSE jsonb_build_object(change.field, change.before) END,
      jsonb_build_object(change.field, change.after)
    FROM history CROSS JOIN LATERAL (VALUES
      ('account.tierChanged', 'tier', history.previous_tier, history.tier),
      ('account.lifecycleStageChanged', 'lifecycleStage', history.previous_lifecycle_stage, history.lifecycle_stage),
      ('account.retentionRiskChanged', 'retentionRisk', history.previous_retention_risk, history.retention_risk)
    ) AS change (type, field, before, after)
    WHERE change.before IS DISTINCT FROM change.after
    RETURNING 1
  ),
  updated AS (
    UPDATE account_assessments assessment SET
      tier = input.tier, lifecycle_stage = input.lifecycle_stage, retention_risk = input.retention_risk,
      risk_score = input.risk_score, signals = input.signals, barriers = input.barriers, actions = input.actions,
      let_go = input.let_go, let_go_reason = input.let_go_reason, revenue_12m_usd = round(input.revenue_12m_usd, 2),
      facts = input.facts, tiering_explanation = input.tiering_explanation, near_miss = input.near_miss,
      retention_explanation = input.retention_explanation, rules_version = $3, evaluated_at = $2
    FROM input JOIN previous USING (account_id)
    WHERE assessment.account_id = input.account_id AND previous.newer IS NOT TRUE
    RETURNING 1
  ),
  inserted AS (
    INSERT INTO account_assessments (account_id, tier, lifecycle_stage, retention_risk, risk_score, signals, barriers, actions,
      let_go, let_go_reason, revenue_12m_usd, facts, tiering_explanation, near_miss, retention_explanation, rules_version, evaluated_at)
    SELECT account_id, tier, lifecycle_stage, retention_risk, risk_score, signals, barriers, actions,
      let_go, let_go_reason, round(revenue_12m_usd, 2), facts, tiering_explanation, near_miss, retention_explanation, $3, $2
    FROM input WHERE NOT EXISTS (SELECT 1 FROM previous WHERE previous.account_id = input.account_id)
    -- Inserted meanwhile by a concurrent evaluation: that result is as fresh as this one.
    ON CONFLICT (account_id) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM history)::int AS changed, (SELECT count(*) FROM updated)::int + (SELECT count(*) FROM inserted)::int AS written,
    (SELECT count(*) FROM events)::int AS announced`;
