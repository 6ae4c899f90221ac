import { MigrationInterface, QueryRunner } from "typeorm";
import { partnerDatabaseRole } from "./1764200000000-partner-row-security";

/**
 * Partner webhooks (src/webhooks/): a partner's endpoints, the outbox events relayed to each (one delivery per
 * endpoint and event, at least once) and every attempt. Partners read their own; the signing secret stays out
 * of their reach (it is shown once, when the endpoint is registered).
 */
export class Webhooks1765100000000 implements MigrationInterface {
  name = "Webhooks1765100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        url text NOT NULL CHECK (url ~ '^https?://'),
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        signing_secret text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        disabled_at timestamptz(3)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_subscriptions_of_partner ON webhook_subscriptions (partner_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id bigint NOT NULL REFERENCES domain_events (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_attempt_at timestamptz(3),
        last_status_code integer,
        last_error text,
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_of_subscription ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_of_event ON webhook_deliveries (event_id)`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt > 0),
        at timestamptz(3) NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL CHECK (duration_ms >= 0),
        PRIMARY KEY (delivery_id, attempt)
      )`);
    const ownRows = `partner_id = customer_graph_partner_id()`;
    for (const table of ["webhook_subscriptions", "webhook_deliveries"]) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY partner_rows ON ${table} TO ${partnerDatabaseRole} USING (${ownRows})`);
    }
    const ofOwnDelivery = `delivery_id IN (SELECT id FROM webhook_deliveries WHERE ${ownRows})`;
    await queryRunner.query(`ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY partner_rows ON webhook_delivery_attempts TO ${partnerDatabaseRole} USING (${ofOwnDelivery})`);
    // Read only, and never the signing secret.
    await queryRunner.query(
      `GRANT SELECT (id, partner_id, url, event_types, created_at, created_by, disabled_at) ON webhook_subscriptions TO ${partnerDatabaseRole}`,
    );
    await queryRunner.query(`GRANT SELECT ON webhook_deliveries, webhook_delivery_attempts TO ${partnerDatabaseRole}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhook_subscriptions`);
  }
}
