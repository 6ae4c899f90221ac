import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rules as published versions (issue 15): an activation keeps the test cases it was published with
 * and its comment (its activated_by is an API key's name, or the command line's); analysts' drafts carry the
 * files they change until they are published or discarded, with the approvals of their current
 * revision (a save after an approval needs a new one); every step is audited with who took it.
 */
export class RuleDrafts1765200000000 implements MigrationInterface {
  name = "RuleDrafts1765200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // The cases and the comment belong to an activation: a change of the cases alone re-activates the version in service.
    await queryRunner.query(`ALTER TABLE rule_set_activations ADD COLUMN tests jsonb, ADD COLUMN comment text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
      CREATE TABLE rule_drafts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        status text NOT NULL DEFAULT 'editing' CHECK (status IN ('editing', 'in_review', 'published', 'discarded')),
        author text NOT NULL,
        author_key_id text NOT NULL,
        comment text NOT NULL,
        base_version text NOT NULL REFERENCES rule_set_versions (version),
        revision integer NOT NULL DEFAULT 1,
        files jsonb NOT NULL,
        review_requested_at timestamptz(3),
        published_version text REFERENCES rule_set_versions (version),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX rule_drafts_open ON rule_drafts (updated_at DESC) WHERE status IN ('editing', 'in_review')`);
    await queryRunner.query(`
      CREATE TABLE rule_draft_approvals (
        draft_id bigint NOT NULL REFERENCES rule_drafts (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        approver text NOT NULL,
        approver_key_id text NOT NULL,
        comment text NOT NULL,
        approved_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (draft_id, revision, approver_key_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rule_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz(3) NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_key_id text,
        action text NOT NULL,
        draft_id bigint REFERENCES rule_drafts (id),
        version text,
        comment text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query(`CREATE INDEX rule_audit_latest ON rule_audit (at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rule_audit`);
    await queryRunner.query(`DROP TABLE rule_draft_approvals`);
    await queryRunner.query(`DROP TABLE rule_drafts`);
    await queryRunner.query(`ALTER TABLE rule_set_activations DROP COLUMN comment, DROP COLUMN tests`);
  }
}
