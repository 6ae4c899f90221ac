import { EmailAddressResolver } from "graphql-scalars";
import { DataSource } from "typeorm";
import { runCommandLine } from "../src/commands/harness/command-line";
import { exitCodes } from "../src/commands/harness/command-errors";
import { seedCommand, SeedOptions } from "../src/commands/seed-command";
import { seedCustomerGraph, SeedInterruptedError, SeedSummary } from "../src/seed/seed-customer-graph";
import { parsedOptions } from "./support/command-options";
import { openTestDataSource, testDatabaseUrl } from "./support/test-database";

const referenceDate = new Date("2025-06-01T00:00:00.000Z");

describe("seeding the customer graph", () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    // Other test files share this database and arrange their own rows: leave the tables empty.
    await emptyCustomerGraph(dataSource);
    await dataSource.destroy();
  });

  /** One number from a query such as `SELECT count(*) AS value ...`. */
  async function value(sql: string, parameters: unknown[] = []): Promise<number> {
    const [row]: { value: number | string }[] = await dataSource.query(sql, parameters);
    return Number(row.value);
  }

  describe("when 200 accounts are seeded", () => {
    let summary: SeedSummary;
    beforeAll(async () => {
      await emptyCustomerGraph(dataSource);
      summary = await seedCustomerGraph(dataSource, { accounts: 200, seed: 42, referenceDate });
    });

    it("then each table holds what the summary says, near the targets per account", async () => {
      for (const [table, rows] of Object.entries(tableRows(summary))) {
        expect(await value(`SELECT count(*) AS value FROM ${table}`)).toBe(rows);
      }
      expect(summary).toMatchObject({ accounts: 200, accountManagers: 4, partners: 2 });
      expect(summary.contacts / 200).toBeGreaterThan(4);
      expect(summary.contacts / 200).toBeLessThan(6);
      expect(summary.orders / 200).toBeGreaterThan(14);
      expect(summary.orders / 200).toBeLessThan(26);
      expect(summary.orderLines / summary.orders).toBeGreaterThan(2.2);
      expect(summary.orderLines / summary.orders).toBeLessThan(2.8);
      expect(summary.tickets / 200).toBeGreaterThan(3.5);
      expect(summary.tickets / 200).toBeLessThan(6.5);
      const partnered = await value(`SELECT count(*) AS value FROM accounts WHERE partner_id IS NOT NULL`);
      expect(partnered / 200).toBeGreaterThan(0.15);
      expect(partnered / 200).toBeLessThan(0.35);
    });

    it("then the top fifth of the accounts by revenue brings more than half of it", async () => {
      const share = await value(`
        WITH revenue AS (
          SELECT a.id, coalesce(sum(o.total_minor) FILTER (WHERE o.status NOT IN ('cancelled', 'returned')), 0) AS revenue
          FROM accounts a LEFT JOIN orders o ON o.account_id = a.id GROUP BY a.id),
        ranked AS (SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rank FROM revenue)
        SELECT sum(revenue) FILTER (WHERE rank <= 40)::float / sum(revenue) AS value FROM ranked`);
      expect(share).toBeGreaterThan(0.5);
    });

    it("then the accounts are mostly active, with some prospects and some churned", async () => {
      const rows: Array<{ status: string; accounts: number }> = await dataSource.query(
        `SELECT status, count(*)::int AS accounts FROM accounts GROUP BY status`,
      );
      const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.accounts]));
      expect(byStatus.active).toBeGreaterThan(120);
      expect(byStatus.prospect).toBeGreaterThan(0);
      expect(byStatus.churned).toBeGreaterThan(0);
    });

    it("then prospects have no orders and churned accounts stopped ordering at least six months before the reference date", async () => {
      expect(await value(`SELECT count(*) AS value FROM orders o JOIN accounts a ON a.id = o.account_id WHERE a.status = 'prospect'`)).toBe(0);
      const lateChurnedOrders = await value(
        `SELECT count(*) AS value FROM orders o JOIN accounts a ON a.id = o.account_id
         WHERE a.status = 'churned' AND o.placed_at > $1::timestamptz - interval '180 days'`,
        [referenceDate],
      );
      expect(lateChurnedOrders).toBe(0);
    });

    it("then some active accounts have been silent for more than 180 days", async () => {
      const silent = await value(
        `SELECT count(*) AS value FROM accounts a
         WHERE a.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id AND o.placed_at > $1::timestamptz - interval '180 days')`,
        [referenceDate],
      );
      expect(silent).toBeGreaterThan(0);
      expect(silent).toBeLessThan(60);
    });

    it("then some accounts have three or more complaints in the last 90 days", async () => {
      const complaining = await value(
        `SELECT count(*) AS value FROM (
           SELECT account_id FROM tickets
           WHERE category = 'complaint' AND opened_at > $1::timestamptz - interval '90 days'
           GROUP BY account_id HAVING count(*) >= 3) complaining`,
        [referenceDate],
      );
      expect(complaining).toBeGreaterThan(0);
    });

    it("then every order total equals the sum of its lines, in the account's one currency", async () => {
      expect(
        await value(`
          SELECT count(*) AS value FROM orders o
          WHERE o.total_minor <> (SELECT coalesce(sum(l.quantity * l.unit_price_minor), -1) FROM order_lines l WHERE l.order_id = o.id)`),
      ).toBe(0);
      expect(await value(`SELECT count(*) AS value FROM (SELECT account_id FROM orders GROUP BY account_id HAVING count(DISTINCT currency) > 1) mixed`)).toBe(
        0,
      );
    });

    it("then every account has exactly one primary contact", async () => {
      expect(
        await value(`
          SELECT count(*) AS value FROM accounts a
          WHERE (SELECT count(*) FROM contacts c WHERE c.account_id = a.id AND c.is_primary) <> 1`),
      ).toBe(0);
    });

    it("then every contact email is one the API can serve", async () => {
      const rows: Array<{ email: string }> = await dataSource.query(`SELECT email FROM contacts WHERE email IS NOT NULL`);
      expect(rows.length).toBeGreaterThan(500);
      for (const { email } of rows) expect(() => EmailAddressResolver.serialize(email)).not.toThrow();
    });

    it("then nothing happens after the reference date and some tickets are still open", async () => {
      expect(await value(`SELECT count(*) AS value FROM orders WHERE placed_at > $1 OR updated_at > $1`, [referenceDate])).toBe(0);
      expect(await value(`SELECT count(*) AS value FROM tickets WHERE opened_at > $1 OR updated_at > $1 OR closed_at > $1`, [referenceDate])).toBe(0);
      expect(await value(`SELECT count(*) AS value FROM tickets WHERE status IN ('open', 'pending')`)).toBeGreaterThan(0);
      expect(await value(`SELECT count(*) AS value FROM tickets WHERE satisfaction IS NOT NULL`)).toBeGreaterThan(0);
    });
  });

  describe("when the same seed runs twice", () => {
    it("then the rows are identical, ids included, and another seed gives other rows", async () => {
      const fingerprintOf = async (seed: number) => {
        await emptyCustomerGraph(dataSource);
        await seedCustomerGraph(dataSource, { accounts: 40, seed, referenceDate });
        return fingerprint(dataSource);
      };
      const first = await fingerprintOf(7);
      const again = await fingerprintOf(7);
      const other = await fingerprintOf(8);
      expect(again).toEqual(first);
      for (const table of Object.keys(first)) expect(other[table]).not.toBe(first[table]);
    });
  });

  describe("when the signal aborts after the first batch", () => {
    it("then seeding stops between batches and says how many accounts it committed", async () => {
      await emptyCustomerGraph(dataSource);
      const stop = new AbortController();
      const seeding = seedCustomerGraph(dataSource, { accounts: 3_000, seed: 3, referenceDate, onProgress: () => stop.abort(), signal: stop.signal });
      const error: unknown = await seeding.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SeedInterruptedError);
      const committed = (error as SeedInterruptedError).summary.accounts;
      expect([1_000, 2_000]).toContain(committed);
      expect(await value(`SELECT count(*) AS value FROM accounts`)).toBe(committed);
    });
  });

  describe("the seed command", () => {
    let printed: string[];
    beforeEach(() => {
      printed = [];
      const capture = (...parts: unknown[]) => void printed.push(parts.join(" "));
      jest.spyOn(console, "log").mockImplementation(capture);
      jest.spyOn(console, "error").mockImplementation(capture);
      // The command's progress ("Seeded 20 of 20 accounts", or a bar on a terminal) is written to stderr itself.
      jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        capture(String(chunk));
        return true;
      });
    });
    afterEach(() => jest.restoreAllMocks());

    const seed = (argv: string[]) => runCommandLine(["seed", ...argv], { DATABASE_URL: testDatabaseUrl() });

    it("when the arguments are wrong, then it exits with code 2 and says why", async () => {
      for (const argv of [
        [],
        ["--accounts", "0"],
        ["--accounts", "1.5"],
        ["--accounts", "1000001"],
        ["--accounts", "5", "--sede", "5"],
        ["--accounts", "5", "--seed", "x"],
      ]) {
        expect(await seed(argv)).toBe(exitCodes.badUsage);
      }
      expect(printed.join("\n")).toMatch(/required option '--accounts <N>' not specified/);
      expect(printed.join("\n")).toMatch(/unknown option '--sede'/);
    });

    it("when the database already holds accounts and --reset is missing, then it refuses and changes nothing", async () => {
      await emptyCustomerGraph(dataSource);
      await seedCustomerGraph(dataSource, { accounts: 5, seed: 11, referenceDate });
      expect(await seed(["--accounts", "20"])).toBe(exitCodes.failed);
      expect(printed.join("\n")).toMatch(/already holds customer-graph data.*--reset/s);
      expect(await value(`SELECT count(*) AS value FROM accounts`)).toBe(5);
    });

    it("when --reset is given, then it empties the tables, seeds and prints the summary", async () => {
      await emptyCustomerGraph(dataSource);
      await seedCustomerGraph(dataSource, { accounts: 5, seed: 11, referenceDate });
      expect(await seed(["--accounts", "20", "--seed", "12", "--reset"])).toBe(exitCodes.success);
      expect(await value(`SELECT count(*) AS value FROM accounts`)).toBe(20);
      expect(printed.join("\n")).toMatch(/accounts\s+20\b/);
    });
  });
});

describe("the seed command's arguments", () => {
  const parse = (argv: string[]) => parsedOptions<SeedOptions>(seedCommand, argv);

  it("when all are given, then they are parsed", async () => {
    expect(await parse(["--accounts", "100_000", "--seed", "9", "--reset", "--reference-date", "2025-06-01"])).toEqual({
      accounts: 100_000,
      seed: 9,
      reset: true,
      referenceDate: referenceDate,
    });
  });

  it("when a value is not a whole number in range or the date does not exist, then the refusal names the option", async () => {
    await expect(parse(["--accounts", "-3"])).rejects.toThrow(/'--accounts <N>' argument '-3' is invalid/);
    await expect(parse(["--accounts", "1e3"])).rejects.toThrow(/'--accounts <N>' argument '1e3' is invalid\. expected a whole number/);
    await expect(parse(["--accounts", "2000000"])).rejects.toThrow(/at most 1,000,000/);
    await expect(parse(["--accounts", "5", "--reference-date", "2025-02-30"])).rejects.toThrow(/--reference-date/);
    await expect(parse(["--accounts", "5", "extra"])).rejects.toThrow(/too many arguments/);
  });
});

function tableRows(summary: SeedSummary): Record<string, number> {
  return {
    account_managers: summary.accountManagers,
    partners: summary.partners,
    accounts: summary.accounts,
    contacts: summary.contacts,
    orders: summary.orders,
    order_lines: summary.orderLines,
    tickets: summary.tickets,
  };
}

async function emptyCustomerGraph(dataSource: DataSource): Promise<void> {
  await dataSource.query(`TRUNCATE accounts, contacts, orders, order_lines, tickets, partners, account_managers CASCADE`);
}

/** An md5 of every row of each table, in id order: equal fingerprints, equal rows. */
async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const [row]: Record<string, string>[] = await dataSource.query(`
    SELECT
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM account_managers t) AS account_managers,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM partners t) AS partners,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM accounts t) AS accounts,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM contacts t) AS contacts,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM orders t) AS orders,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.order_id, t.position)) FROM order_lines t) AS order_lines,
      (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM tickets t) AS tickets`);
  return row;
}
