import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One leaky bucket of cost points per API key, kept in PostgreSQL so that every server process
 * draws from the same bucket. A row is updated in place on every request: fillfactor leaves room for
 * HOT updates, and autovacuum keeps up with the churn.
 */
export class RateLimitBuckets1764100000000 implements MigrationInterface {
  name = "RateLimitBuckets1764100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limit_buckets (
        key_id uuid PRIMARY KEY,
        level double precision NOT NULL CHECK (level >= 0),
        updated_at timestamptz NOT NULL
      ) WITH (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_buckets`);
  }
}
