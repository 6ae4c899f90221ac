import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

const tables = ["accounts", "contacts", "orders", "tickets"];

/**
 * Records keep the id they have in the system that sent them (an ERP's customer number, a shop's order
 * number), so that a bulk upsert finds them again. Ids are unique per owner: the partner whose key
 * upserted the record, or no one (null) for staff keys, which share one set; NULLS NOT DISTINCT makes
 * the staff's null owner one owner.
 */
export class ExternalIds1764600000000 implements MigrationInterface {
  name = "ExternalIds1764600000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
          ADD COLUMN external_id_owner uuid REFERENCES partners (id),
          ADD CONSTRAINT ${table}_owner_only_with_external_id CHECK (external_id IS NOT NULL OR external_id_owner IS NULL)`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX ${table}_by_external_id ON ${table} (external_id_owner, external_id) NULLS NOT DISTINCT WHERE external_id IS NOT NULL`,
      );
    }
    // A partner's key upserts its own accounts' contacts (row-level security keeps it to them).
    await queryRunner.query(`GRANT INSERT, UPDATE ON contacts TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE INSERT, UPDATE ON contacts FROM ${partnerDatabaseRole}`);
    await queryRunner.query(`GRANT UPDATE (updated_at) ON contacts TO ${partnerDatabaseRole}`);
    for (const table of tables) {
      await queryRunner.query(`DROP INDEX ${table}_by_external_id`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN external_id_owner, DROP COLUMN external_id`);
    }
  }
}
