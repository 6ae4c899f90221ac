import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

/**
 * A ticket's service targets as promises (docs: rules/README.md, "The SLA clock"): the rules version and
 * time that set them, the resolution clock's pauses (while the ticket waits on the customer), and the
 * breaches, recorded once and never removed.
 */
export class SlaClock1764700000000 implements MigrationInterface {
  name = "SlaClock1764700000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tickets
        ADD COLUMN resolution_paused_since timestamptz(3),
        ADD COLUMN resolution_paused_ms bigint NOT NULL DEFAULT 0 CHECK (resolution_paused_ms >= 0),
        ADD COLUMN sla_targets_set_at timestamptz(3),
        ADD COLUMN sla_rules_version text`);
    // The clock stopped when the ticket last left OPEN: for tickets of before, the best moment known.
    await queryRunner.query(`
      UPDATE tickets SET resolution_paused_since = CASE
        WHEN status IN ('resolved', 'closed') THEN resolved_at
        WHEN status = 'pending' THEN coalesce(first_responded_at, updated_at) END`);
    await queryRunner.query(`UPDATE tickets SET sla_targets_set_at = priority_evaluated_at, sla_rules_version = priority_rules_version`);
    await queryRunner.query(`
      ALTER TABLE tickets ADD CONSTRAINT tickets_clock_paused_unless_open CHECK ((status = 'open') = (resolution_paused_since IS NULL))`);
    await queryRunner.query(`
      CREATE TABLE ticket_sla_breaches (
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('first_response', 'resolution')),
        due_at timestamptz(3) NOT NULL,
        level text NOT NULL,
        rules_version text,
        recorded_at timestamptz(3) NOT NULL,
        PRIMARY KEY (ticket_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX ticket_sla_breaches_by_account ON ticket_sla_breaches (account_id, due_at DESC)`);
    const ofOwnAccount = `account_id IN (SELECT id FROM accounts WHERE partner_id = customer_graph_partner_id())`;
    await queryRunner.query(`ALTER TABLE ticket_sla_breaches ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY partner_rows ON ticket_sla_breaches TO ${partnerDatabaseRole} USING (${ofOwnAccount}) WITH CHECK (${ofOwnAccount})`);
    await queryRunner.query(`GRANT SELECT, INSERT ON ticket_sla_breaches TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ticket_sla_breaches`);
    await queryRunner.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_clock_paused_unless_open`);
    await queryRunner.query(
      `ALTER TABLE tickets DROP COLUMN resolution_paused_since, DROP COLUMN resolution_paused_ms, DROP COLUMN sla_targets_set_at, DROP COLUMN sla_rules_version`,
    );
  }
}
