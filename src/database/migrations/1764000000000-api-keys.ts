import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * API keys: only a SHA-256 hash of each key is kept (keys are 256 random bits, so a fast hash is enough,
 * as for GitHub's tokens); a short prefix identifies a key in lists and logs without revealing it.
 */
export class ApiKeys1764000000000 implements MigrationInterface {
  name = "ApiKeys1764000000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_hash char(64) NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        key_prefix text NOT NULL CHECK (length(key_prefix) BETWEEN 8 AND 20),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('internal', 'analyst', 'partner')),
        partner_id uuid REFERENCES partners (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3),
        revoked_at timestamptz(3),
        replaced_by uuid REFERENCES api_keys (id),
        CONSTRAINT api_keys_partner_when_partner CHECK ((role = 'partner') = (partner_id IS NOT NULL)),
        CONSTRAINT api_keys_expiry_after_creation CHECK (expires_at IS NULL OR expires_at > created_at)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_by_partner ON api_keys (partner_id) WHERE partner_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
