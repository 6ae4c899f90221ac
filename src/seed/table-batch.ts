/** The PostgreSQL array types the seed sends; each column travels as one array parameter. */
export type ColumnType = "uuid" | "text" | "smallint" | "integer" | "bigint" | "boolean" | "date" | "timestamptz";

/** Dates and timestamps are ISO strings, so that `pg` sends them as written (no local time zone). */
export type ColumnValue = string | number | boolean | null;

export interface ColumnDefinition<Row> {
  column: string;
  property: keyof Row & string;
  type: ColumnType;
}

export interface TableDefinition<Row> {
  table: string;
  columns: ReadonlyArray<ColumnDefinition<Row>>;
}

export interface InsertStatement {
  sql: string;
  parameters: ColumnValue[][];
}

/** What a transaction needs of a batch, whatever its row type. */
export interface InsertableBatch {
  readonly rowCount: number;
  insertStatement(): InsertStatement;
}

/**
 * The rows of one table for one batch, held column by column. They go to the database in one
 * statement, `INSERT ... SELECT * FROM unnest($1::uuid[], ...)`: one round trip and one plan
 * for thousands of rows, and the same on PostgreSQL and on the embedded database.
 */
export class TableBatch<Row extends { [property in keyof Row]: ColumnValue }> implements InsertableBatch {
  private readonly columnValues: ColumnValue[][];
  private rows = 0;

  constructor(private readonly definition: TableDefinition<Row>) {
    this.columnValues = definition.columns.map(() => []);
  }

  get rowCount(): number {
    return this.rows;
  }

  add(row: Row): void {
    const columns = this.definition.columns;
    for (let index = 0; index < columns.length; index += 1) {
      this.columnValues[index].push(row[columns[index].property]);
    }
    this.rows += 1;
  }

  insertStatement(): InsertStatement {
    const { table, columns } = this.definition;
    const names = columns.map((column) => column.column).join(", ");
    const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(", ");
    return { sql: `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`, parameters: this.columnValues };
  }
}
