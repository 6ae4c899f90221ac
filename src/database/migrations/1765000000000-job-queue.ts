import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

/**
 * Work moves to the job queue (pg-boss, its own schema, src/jobs/): the hand-written batch table goes;
 * the outbox marks the events relayed to the queue (SLA checks, webhook deliveries); SLA warnings are
 * recorded, once per target, as breaches are; a ticket keeps the working hours its business-time targets
 * count (so that a pause is measured on them).
 */
export class JobQueue1765000000000 implements MigrationInterface {
  name = "JobQueue1765000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reevaluation_batches`);
    await queryRunner.query(`ALTER TABLE domain_events ADD COLUMN relayed_at timestamptz(3)`);
    // Events written before the relay existed are not news to anyone any more.
    await queryRunner.query(`UPDATE domain_events SET relayed_at = occurred_at`);
    await queryRunner.query(`CREATE INDEX domain_events_to_relay ON domain_events (id) WHERE relayed_at IS NULL`);
    await queryRunner.query(`ALTER TABLE tickets ADD COLUMN sla_business_calendar jsonb`);
    await queryRunner.query(`
      CREATE TABLE ticket_sla_warnings (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('first_response', 'resolution')),
        due_at timestamptz(3) NOT NULL,
        level text NOT NULL,
        rules_version text,
        warned_at timestamptz(3) NOT NULL,
        -- A target moved (an escalation, a pause) is a new promise, warned of anew.
        PRIMARY KEY (ticket_id, kind, due_at)
      )`);
    const ofOwnAccount = `account_id IN (SELECT id FROM accounts WHERE partner_id = customer_graph_partner_id())`;
    await queryRunner.query(`ALTER TABLE ticket_sla_warnings ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY partner_rows ON ticket_sla_warnings TO ${partnerDatabaseRole} USING (${ofOwnAccount}) WITH CHECK (${ofOwnAccount})`);
    await queryRunner.query(`GRANT SELECT ON ticket_sla_warnings TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ticket_sla_warnings`);
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN sla_business_calendar`);
    await queryRunner.query(`DROP INDEX domain_events_to_relay`);
    await queryRunner.query(`ALTER TABLE domain_events DROP COLUMN relayed_at`);
    await queryRunner.query(`
      CREATE TABLE reevaluation_batches (
        activation_id bigint NOT NULL REFERENCES rule_set_activations (id) ON DELETE CASCADE,
        first_account_id uuid NOT NULL,
        last_account_id uuid NOT NULL,
        claimed_by text,
        claimed_at timestamptz(3),
        done_at timestamptz(3),
        accounts integer,
        PRIMARY KEY (activation_id, first_account_id)
      )`);
  }
}
