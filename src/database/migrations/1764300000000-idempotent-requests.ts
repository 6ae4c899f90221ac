import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

/**
 * The responses of mutations sent with an Idempotency-Key, per API key, stored in the transaction
 * of the mutation itself: a retry returns the first response and writes nothing twice. Kept at
 * least 24 hours (the server deletes older ones hourly).
 */
export class IdempotentRequests1764300000000 implements MigrationInterface {
  name = "IdempotentRequests1764300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotent_requests (
        api_key_id uuid NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (api_key_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotent_requests_by_age ON idempotent_requests (created_at)`);
    // A partner's request transaction runs as the partner role: it stores its own response, and reads none.
    await queryRunner.query(`GRANT INSERT ON idempotent_requests TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotent_requests`);
  }
}
