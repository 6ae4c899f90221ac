import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The customer graph: accounts with their managers and partners, contacts, orders with lines,
 * and tickets. Every enumerated value has a CHECK, every list the API serves has an index
 * matching its filter and order, and timestamps keep milliseconds so keyset cursors are exact.
 */
export class CustomerGraph1763800000000 implements MigrationInterface {
  name = "CustomerGraph1763800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE account_managers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        email text NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('reseller', 'service_partner')),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('organization', 'consumer')),
        industry text NOT NULL CHECK (length(btrim(industry)) BETWEEN 1 AND 100),
        region text NOT NULL CHECK (region IN ('north_america', 'latin_america', 'europe', 'middle_east_africa', 'asia_pacific')),
        employees integer CHECK (employees > 0),
        status text NOT NULL CHECK (status IN ('prospect', 'active', 'churned')),
        customer_since date,
        account_manager_id uuid REFERENCES account_managers (id),
        partner_id uuid REFERENCES partners (id),
        contract_starts_on date,
        contract_ends_on date,
        contract_auto_renew boolean NOT NULL DEFAULT false,
        loyalty_points integer NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT accounts_customer_since_matches_status CHECK ((status = 'prospect') = (customer_since IS NULL)),
        CONSTRAINT accounts_contract_dates CHECK (
          (contract_starts_on IS NULL AND contract_ends_on IS NULL AND NOT contract_auto_renew)
          OR (contract_starts_on IS NOT NULL AND (contract_ends_on IS NULL OR contract_ends_on >= contract_starts_on))
        )
      )`);
    await queryRunner.query(`CREATE INDEX accounts_name_search ON accounts USING gin (name gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX accounts_by_name ON accounts (name, id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_customer_since ON accounts ((coalesce(customer_since, 'infinity'::date)), id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_created_at ON accounts (created_at, id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_partner ON accounts (partner_id, name, id) WHERE partner_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX accounts_by_manager ON accounts (account_manager_id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_status ON accounts (status, name, id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_region ON accounts (region, name, id)`);
    await queryRunner.query(`CREATE INDEX accounts_by_industry ON accounts (industry, name, id)`);

    await queryRunner.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id),
        first_name text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
        last_name text NOT NULL CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('decision_maker', 'buyer', 'user', 'technical')),
        email text CHECK (email LIKE '%_@_%'),
        phone text CHECK (phone ~ '^\\+?[0-9 ()./-]{4,30}$'),
        preferred_channel text NOT NULL DEFAULT 'email' CHECK (preferred_channel IN ('email', 'phone', 'sms', 'chat', 'in_person')),
        marketing_consent boolean NOT NULL DEFAULT false,
        is_primary boolean NOT NULL DEFAULT false,
        birthday date,
        in_role_since date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT contacts_id_account UNIQUE (id, account_id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX contacts_email_per_account ON contacts (account_id, lower(email)) WHERE email IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX contacts_one_primary_per_account ON contacts (account_id) WHERE is_primary`);
    await queryRunner.query(`CREATE INDEX contacts_by_account ON contacts (account_id, last_name, first_name, id)`);
    await queryRunner.query(`CREATE INDEX contacts_of_account_primary_first ON contacts (account_id, (is_primary::int) DESC, last_name, first_name, id)`);
    await queryRunner.query(`CREATE INDEX contacts_by_name ON contacts (last_name, first_name, id)`);
    await queryRunner.query(`CREATE INDEX contacts_by_created_at ON contacts (created_at, id)`);
    await queryRunner.query(`CREATE INDEX contacts_name_search ON contacts USING gin (first_name gin_trgm_ops, last_name gin_trgm_ops, email gin_trgm_ops)`);

    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id),
        placed_at timestamptz(3) NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
        channel text NOT NULL CHECK (channel IN ('web', 'phone', 'email', 'sales_rep', 'partner', 'store')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX orders_by_account_placed_at ON orders (account_id, placed_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_by_placed_at ON orders (placed_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_by_status_placed_at ON orders (status, placed_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_by_total ON orders (total_minor, id)`);

    await queryRunner.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (id),
        position smallint NOT NULL CHECK (position >= 1),
        product text NOT NULL CHECK (length(btrim(product)) BETWEEN 1 AND 200),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        PRIMARY KEY (order_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id),
        contact_id uuid,
        subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 300),
        channel text NOT NULL CHECK (channel IN ('email', 'phone', 'chat', 'web', 'social', 'partner')),
        category text NOT NULL CHECK (category IN ('question', 'request', 'incident', 'complaint', 'return')),
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        status text NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
        opened_at timestamptz(3) NOT NULL DEFAULT now(),
        first_responded_at timestamptz(3),
        resolved_at timestamptz(3),
        closed_at timestamptz(3),
        satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- The contact, when given, works at the ticket's account.
        CONSTRAINT tickets_contact_of_account FOREIGN KEY (contact_id, account_id) REFERENCES contacts (id, account_id),
        CONSTRAINT tickets_response_after_opening CHECK (first_responded_at IS NULL OR first_responded_at >= opened_at),
        CONSTRAINT tickets_resolution_after_opening CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
        CONSTRAINT tickets_resolved_when_done CHECK ((status IN ('resolved', 'closed')) = (resolved_at IS NOT NULL)),
        CONSTRAINT tickets_closed_when_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
        CONSTRAINT tickets_satisfaction_when_closed CHECK (satisfaction IS NULL OR status = 'closed')
      )`);
    await queryRunner.query(`CREATE INDEX tickets_by_account_opened_at ON tickets (account_id, opened_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX tickets_open_by_account ON tickets (account_id, opened_at DESC, id DESC) WHERE status IN ('open', 'pending')`);
    await queryRunner.query(`CREATE INDEX tickets_by_opened_at ON tickets (opened_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX tickets_by_status_opened_at ON tickets (status, opened_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX tickets_by_contact ON tickets (contact_id, opened_at DESC, id DESC) WHERE contact_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["tickets", "order_lines", "orders", "contacts", "accounts", "partners", "account_managers"]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
