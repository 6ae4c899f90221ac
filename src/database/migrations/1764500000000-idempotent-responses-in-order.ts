import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A replayed response is the stored one to the byte: `json` keeps the text as written, where `jsonb`
 * reorders object keys (shorter first), so a retry got its fields out of the order the document asked.
 */
export class IdempotentResponsesInOrder1764500000000 implements MigrationInterface {
  name = "IdempotentResponsesInOrder1764500000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotent_requests ALTER COLUMN response TYPE json USING response::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotent_requests ALTER COLUMN response TYPE jsonb USING response::jsonb`);
  }
}
