import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rule sets as every server process shares them: each version published (its three files, who, when),
 * the history of activations (the last one is in service; a rollback is an activation of an older
 * version), and the batches of the re-evaluation an activation starts, claimed by whichever process
 * is free (FOR UPDATE SKIP LOCKED), so that the group evaluates each account once.
 */
export class RuleSetPublication1764400000000 implements MigrationInterface {
  name = "RuleSetPublication1764400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rule_set_versions (
        version text PRIMARY KEY,
        sources jsonb NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rule_set_activations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version text NOT NULL REFERENCES rule_set_versions (version),
        reason text NOT NULL CHECK (reason IN ('published', 'rollback', 'stale')),
        activated_by text NOT NULL,
        activated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
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
    await queryRunner.query(`CREATE INDEX reevaluation_batches_open ON reevaluation_batches (activation_id, first_account_id) WHERE done_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reevaluation_batches`);
    await queryRunner.query(`DROP TABLE rule_set_activations`);
    await queryRunner.query(`DROP TABLE rule_set_versions`);
  }
}
