import { MigrationInterface, QueryRunner } from "typeorm";

/** The role partner requests run as, inside their transactions; see src/access/data-scope.ts. */
export const partnerDatabaseRole = "customer_graph_partner";

const partnerId = "customer_graph_partner_id()";
const ownAccountIds = `SELECT id FROM accounts WHERE partner_id = ${partnerId}`;

/** Which rows of each table a partner may touch: those of its own accounts, nothing else. */
const partnerRowConditions: Record<string, string> = {
  accounts: `partner_id = ${partnerId}`,
  contacts: `account_id IN (${ownAccountIds})`,
  orders: `account_id IN (${ownAccountIds})`,
  order_lines: `order_id IN (SELECT id FROM orders WHERE account_id IN (${ownAccountIds}))`,
  tickets: `account_id IN (${ownAccountIds})`,
  account_assessments: `account_id IN (${ownAccountIds})`,
  account_assessment_history: `account_id IN (${ownAccountIds})`,
  ticket_priority_explanations: `ticket_id IN (SELECT id FROM tickets WHERE account_id IN (${ownAccountIds}))`,
  ticket_priority_history: `ticket_id IN (SELECT id FROM tickets WHERE account_id IN (${ownAccountIds}))`,
  partners: `id = ${partnerId}`,
  account_managers: `id IN (SELECT account_manager_id FROM accounts WHERE partner_id = ${partnerId})`,
};

/**
 * The second line of defence behind the application's partner filter: row-level security.
 * A partner's transaction switches to a role without privileges of its own (SET LOCAL ROLE) and
 * names its partner in a transaction-local setting; every policy reads that setting, and with
 * none set a partner sees nothing. The server's own role owns the tables and is not subject to
 * the policies, so staff requests and the policy layer's batch work are unaffected.
 *
 * Partners may write tickets (open, respond) and the policy results those writes refresh; they may
 * lock, not change, their accounts and contacts (row locks need UPDATE on one column).
 * Also: the partner agreement columns that decide which personal data a partner sees.
 */
export class PartnerRowSecurity1764200000000 implements MigrationInterface {
  name = "PartnerRowSecurity1764200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE partners
        ADD COLUMN shares_contact_email boolean NOT NULL DEFAULT false,
        ADD COLUMN shares_contact_phone boolean NOT NULL DEFAULT false`);
    // Roles belong to the whole cluster: another database of it may have created this one already.
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE ${partnerDatabaseRole} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // Lets a server that does not log in as a superuser switch to the role.
    await queryRunner.query(`GRANT ${partnerDatabaseRole} TO CURRENT_USER`);
    await queryRunner.query(`
      CREATE FUNCTION customer_graph_partner_id() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.partner_id', true), '')::uuid $$`);
    // The schema may be another than public (each test run migrates into one of its own).
    await queryRunner.query(`DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${partnerDatabaseRole}', current_schema()); END $$`);
    await queryRunner.query(`GRANT SELECT ON ${Object.keys(partnerRowConditions).join(", ")}, exchange_rates TO ${partnerDatabaseRole}`);
    await queryRunner.query(`GRANT INSERT, UPDATE ON tickets, account_assessments, ticket_priority_explanations TO ${partnerDatabaseRole}`);
    await queryRunner.query(`GRANT INSERT ON account_assessment_history, ticket_priority_history TO ${partnerDatabaseRole}`);
    await queryRunner.query(`GRANT UPDATE (updated_at) ON accounts, contacts TO ${partnerDatabaseRole}`);
    for (const [table, condition] of Object.entries(partnerRowConditions)) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY partner_rows ON ${table} TO ${partnerDatabaseRole} USING (${condition}) WITH CHECK (${condition})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(partnerRowConditions)) {
      await queryRunner.query(`DROP POLICY partner_rows ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`REVOKE ALL ON ${Object.keys(partnerRowConditions).join(", ")}, exchange_rates FROM ${partnerDatabaseRole}`);
    await queryRunner.query(`DROP FUNCTION customer_graph_partner_id()`);
    await queryRunner.query(`ALTER TABLE partners DROP COLUMN shares_contact_email, DROP COLUMN shares_contact_phone`);
  }
}
