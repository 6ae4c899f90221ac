import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the policy layer keeps: each account's assessment (tier, lifecycle stage, retention) and each
 * ticket's service priority, with the rule-set version and time that produced them, a history row
 * whenever a result changes, and the exchange rates that put revenue facts in one currency.
 */
export class PolicyResults1763900000000 implements MigrationInterface {
  name = "PolicyResults1763900000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE exchange_rates (
        currency char(3) PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$'),
        minor_units_per_dollar numeric(14, 4) NOT NULL CHECK (minor_units_per_dollar > 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Reference rates for the currencies the business invoices in; finance updates them in place.
    await queryRunner.query(`
      INSERT INTO exchange_rates (currency, minor_units_per_dollar) VALUES
        ('USD', 100), ('EUR', 92), ('GBP', 79), ('BRL', 520), ('AED', 367), ('SGD', 134),
        ('CAD', 137), ('AUD', 152), ('JPY', 150), ('CHF', 88), ('INR', 8300), ('MXN', 1700)`);

    await queryRunner.query(`
      CREATE TABLE account_assessments (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        tier text NOT NULL CHECK (length(tier) BETWEEN 1 AND 50),
        lifecycle_stage text NOT NULL CHECK (length(lifecycle_stage) BETWEEN 1 AND 50),
        retention_risk text NOT NULL CHECK (length(retention_risk) BETWEEN 1 AND 50),
        risk_score integer NOT NULL CHECK (risk_score >= 0),
        signals jsonb NOT NULL CHECK (jsonb_typeof(signals) = 'array'),
        barriers jsonb NOT NULL CHECK (jsonb_typeof(barriers) = 'array'),
        actions jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'),
        let_go boolean NOT NULL,
        let_go_reason text,
        revenue_12m_usd numeric(16, 2) NOT NULL,
        facts jsonb NOT NULL,
        tiering_explanation jsonb NOT NULL,
        near_miss jsonb,
        retention_explanation jsonb NOT NULL,
        rules_version text NOT NULL,
        evaluated_at timestamptz(3) NOT NULL,
        CONSTRAINT account_assessments_reason_when_let_go CHECK (let_go = (let_go_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX account_assessments_by_tier ON account_assessments (tier)`);
    await queryRunner.query(`CREATE INDEX account_assessments_by_lifecycle_stage ON account_assessments (lifecycle_stage)`);
    await queryRunner.query(`CREATE INDEX account_assessments_by_risk ON account_assessments (retention_risk)`);
    await queryRunner.query(`CREATE INDEX account_assessments_by_version ON account_assessments (rules_version)`);

    await queryRunner.query(`
      CREATE TABLE account_assessment_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        changed_at timestamptz(3) NOT NULL,
        rules_version text NOT NULL,
        previous_tier text,
        tier text NOT NULL,
        previous_lifecycle_stage text,
        lifecycle_stage text NOT NULL,
        previous_retention_risk text,
        retention_risk text NOT NULL,
        let_go boolean NOT NULL,
        actions jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX account_assessment_history_by_account ON account_assessment_history (account_id, changed_at DESC)`);

    // The decision lives on the ticket itself so that the support queue sorts on an index.
    await queryRunner.query(`
      ALTER TABLE tickets
        ADD COLUMN priority_level text CHECK (priority_level IN ('P1', 'P2', 'P3', 'P4')),
        ADD COLUMN priority_lane text CHECK (length(priority_lane) BETWEEN 1 AND 50),
        ADD COLUMN first_response_due_at timestamptz(3),
        ADD COLUMN resolution_due_at timestamptz(3),
        ADD COLUMN priority_rules_version text,
        ADD COLUMN priority_evaluated_at timestamptz(3),
        ADD CONSTRAINT tickets_priority_complete CHECK (
          (priority_level IS NULL) = (priority_lane IS NULL)
          AND (priority_level IS NULL) = (first_response_due_at IS NULL)
          AND (priority_level IS NULL) = (resolution_due_at IS NULL)
          AND (priority_level IS NULL) = (priority_rules_version IS NULL)
          AND (priority_level IS NULL) = (priority_evaluated_at IS NULL)),
        ADD CONSTRAINT tickets_due_after_opening CHECK (
          first_response_due_at IS NULL OR (first_response_due_at >= opened_at AND resolution_due_at >= first_response_due_at))`);
    await queryRunner.query(`
      CREATE INDEX tickets_open_by_first_response_due ON tickets
        ((COALESCE(first_response_due_at, '9999-12-31T23:59:59.999Z'::timestamptz)), id) WHERE status IN ('open', 'pending')`);
    await queryRunner.query(`
      CREATE INDEX tickets_open_by_priority ON tickets
        ((COALESCE(priority_level, 'P9')), (COALESCE(first_response_due_at, '9999-12-31T23:59:59.999Z'::timestamptz)), id)
        WHERE status IN ('open', 'pending')`);

    await queryRunner.query(`
      CREATE TABLE ticket_priority_explanations (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        facts jsonb NOT NULL,
        explanation jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ticket_priority_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        changed_at timestamptz(3) NOT NULL,
        rules_version text NOT NULL,
        previous_level text,
        level text NOT NULL,
        previous_lane text,
        lane text NOT NULL,
        first_response_due_at timestamptz(3) NOT NULL,
        resolution_due_at timestamptz(3) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ticket_priority_history_by_ticket ON ticket_priority_history (ticket_id, changed_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["ticket_priority_history", "ticket_priority_explanations", "account_assessment_history", "account_assessments", "exchange_rates"]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`
      ALTER TABLE tickets DROP COLUMN priority_level, DROP COLUMN priority_lane, DROP COLUMN first_response_due_at,
        DROP COLUMN resolution_due_at, DROP COLUMN priority_rules_version, DROP COLUMN priority_evaluated_at`);
  }
}
