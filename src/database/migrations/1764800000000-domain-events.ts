import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

/**
 * The outbox: every change that matters, written in the transaction of the change (src/events/), with its
 * time, the rules version in force and the values before and after. Subscriptions and webhooks read it.
 */
export class DomainEvents1764800000000 implements MigrationInterface {
  name = "DomainEvents1764800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE domain_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL CHECK (type ~ '^[a-z][A-Za-z]*\\.[a-z][A-Za-z]*$'),
        occurred_at timestamptz(3) NOT NULL,
        rules_version text,
        -- Erasing an account erases what was said of it.
        account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
        subject_id uuid,
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(`CREATE INDEX domain_events_by_account ON domain_events (account_id, id) WHERE account_id IS NOT NULL`);
    const ofOwnAccount = `account_id IN (SELECT id FROM accounts WHERE partner_id = customer_graph_partner_id())`;
    await queryRunner.query(`ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY partner_rows ON domain_events TO ${partnerDatabaseRole} USING (${ofOwnAccount}) WITH CHECK (${ofOwnAccount})`);
    // A partner's writes (a ticket opened, the re-evaluation it causes) write their events.
    await queryRunner.query(`GRANT SELECT, INSERT ON domain_events TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE domain_events`);
  }
}
