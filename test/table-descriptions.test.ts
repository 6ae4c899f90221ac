import { DataSource } from "typeorm";
import {
  accountManagersTable,
  accountsTable,
  contactsTable,
  customerGraphTableNames,
  orderLinesTable,
  ordersTable,
  partnersTable,
  ticketsTable,
} from "../src/seed/customer-graph-tables";
import { openTestDataSource } from "./support/test-database";

/** One column as a description gives it: PostgreSQL's name for its type (information_schema's data_type), and whether it takes NULL. */
interface ColumnDescription {
  type: string;
  nullable: boolean;
}

/** Table name → column name → description. */
type Descriptions = Map<string, Map<string, ColumnDescription>>;

/** What the seed's writer needs of a table definition, whatever its row type. */
interface SeedTable {
  table: string;
  columns: ReadonlyArray<{ column: string; type: string }>;
}

const seedTables: readonly SeedTable[] = [accountManagersTable, partnersTable, accountsTable, contactsTable, ordersTable, orderLinesTable, ticketsTable];

/** Columns the migrations create that no entity maps, and why: TypeORM never reads them, and inserts leave them to their defaults. */
const policySql = "AssessmentSummary maps the list fields: the policy layer's own SQL reads and writes the rest";
const unmappedColumns: Record<string, Record<string, string>> = {
  account_managers: { created_at: "not served by the API" },
  partners: { created_at: "not served by the API" },
  orders: { created_at: "the API serves placedAt and updatedAt" },
  webhook_subscriptions: { signing_secret: "shown once when created; only the delivery worker's own SQL reads it" },
  account_assessments: { revenue_12m_usd: policySql, facts: policySql, tiering_explanation: policySql, near_miss: policySql, retention_explanation: policySql },
};

/** Columns the seed leaves to their defaults, and why. */
const evaluation = "the policy evaluation after the seed writes it";
/** The demo data comes from no other system: upserts alone give external ids. */
const upsertsOnly = { external_id: "only upserts give one", external_id_owner: "only upserts give one" };
const columnsTheSeedLeaves: Record<string, Record<string, string>> = {
  partners: { shares_contact_email: "agreements start without it", shares_contact_phone: "agreements start without it" },
  accounts: upsertsOnly,
  contacts: upsertsOnly,
  orders: upsertsOnly,
  tickets: {
    ...upsertsOnly,
    resolution_paused_ms: "no pause is known of the seeded history",
    sla_targets_set_at: evaluation,
    sla_rules_version: evaluation,
    sla_business_calendar: evaluation,
    priority_level: evaluation,
    priority_lane: evaluation,
    first_response_due_at: evaluation,
    resolution_due_at: evaluation,
    priority_rules_version: evaluation,
    priority_evaluated_at: evaluation,
  },
};

/** The columns the migrations created, as the migrated database describes them. */
async function migratedColumns(dataSource: DataSource, tables: readonly string[]): Promise<Descriptions> {
  const rows: { table_name: string; column_name: string; data_type: string; is_nullable: string }[] = await dataSource.query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [tables],
  );
  const descriptions: Descriptions = new Map(tables.map((table) => [table, new Map<string, ColumnDescription>()]));
  for (const row of rows) descriptions.get(row.table_name)!.set(row.column_name, { type: row.data_type, nullable: row.is_nullable === "YES" });
  return descriptions;
}

/** Each difference between what a table has and what `describer` says of it, as "table.column: what differs". */
function differences(
  describer: string,
  table: string,
  migrated: Map<string, ColumnDescription>,
  described: Map<string, Partial<ColumnDescription>>,
  leftOut: Record<string, string> = {},
): string[] {
  const found: string[] = [];
  const nullability = (nullable: boolean) => (nullable ? "nullable" : "NOT NULL");
  for (const [column, description] of described) {
    const actual = migrated.get(column);
    if (!actual) found.push(`${table}.${column}: in ${describer}, not in the migrated table`);
    else if (description.type !== undefined && description.type !== actual.type)
      found.push(`${table}.${column}: ${description.type} in ${describer}, ${actual.type} in the migrated table`);
    else if (description.nullable !== undefined && description.nullable !== actual.nullable)
      found.push(`${table}.${column}: ${nullability(description.nullable)} in ${describer}, ${nullability(actual.nullable)} in the migrated table`);
  }
  for (const column of migrated.keys())
    if (!described.has(column) && !(column in leftOut)) found.push(`${table}.${column}: in the migrated table, not in ${describer}`);
  for (const column of Object.keys(leftOut)) if (described.has(column)) found.push(`${table}.${column}: in ${describer}, though listed here as left out`);
  return found;
}

describe("the three descriptions of the customer graph's tables", () => {
  let dataSource: DataSource;
  let migrated: Descriptions;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
    const tables = [...new Set([...dataSource.entityMetadatas.map((metadata) => metadata.tableName), ...customerGraphTableNames])];
    migrated = await migratedColumns(dataSource, tables);
  });
  afterAll(() => dataSource?.destroy());

  it("when TypeORM's entities are read, then each maps its table's columns with the migrations' types and nullability", () => {
    const found = dataSource.entityMetadatas.flatMap((metadata) => {
      const described = new Map(
        // information_schema calls every array column's type ARRAY (text[] included).
        metadata.columns.map(
          (column) => [column.databaseName, { type: column.isArray ? "ARRAY" : dataSource.driver.normalizeType(column), nullable: column.isNullable }] as const,
        ),
      );
      return differences(`the entity ${metadata.name}`, metadata.tableName, migrated.get(metadata.tableName)!, described, unmappedColumns[metadata.tableName]);
    });
    expect(found).toEqual([]);
  });

  it("when the seed writes a table, then it names each of the table's columns with the migrations' types, but those it leaves to their defaults", () => {
    expect(seedTables.map((definition) => definition.table).sort()).toEqual([...customerGraphTableNames].sort());
    const found = seedTables.flatMap((definition) => {
      const described = new Map(
        definition.columns.map((column) => [column.column, { type: seedSends(column.type, migrated.get(definition.table)!.get(column.column)?.type) }]),
      );
      return differences("the seed", definition.table, migrated.get(definition.table)!, described, columnsTheSeedLeaves[definition.table]);
    });
    expect(found).toEqual([]);
  });
});

/**
 * The type the seed's unnest cast gives a column, in PostgreSQL's words. char(n) arrives as text: the
 * insert's assignment cast checks the length, where a `character[]` cast would cut the values to one character.
 */
function seedSends(type: string, tableType: string | undefined): string {
  const named = type === "timestamptz" ? "timestamp with time zone" : type;
  return named === "text" && tableType === "character" ? tableType : named;
}
