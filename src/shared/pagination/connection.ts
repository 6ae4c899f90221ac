import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { encodeCursor } from "./cursor";
import { SortKey } from "./sort-order";

/** One page of rows in a known ordering, before it becomes a GraphQL connection. */
export interface Page<Row> {
  rows: Row[];
  keys: ReadonlyArray<SortKey<Row>>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Counts every row of the list (all pages); only called when a client asks for totalCount. */
  countTotal: () => Promise<number>;
}

@ObjectType({ simpleResolvers: true, description: "Relay page information" })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<Row> {
  edges: Array<{ node: Row; readonly cursor: string }>;
  nodes: Row[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** Builds the `<Type>Connection` and `<Type>Edge` GraphQL types of a node type. */
export function ConnectionType<Row extends object>(nodeType: ClassType<Row>, typeName: string) {
  @ObjectType(`${typeName}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => nodeType)
    node: Row;

    constructor(
      node: Row,
      private readonly keys: ReadonlyArray<SortKey<Row>>,
    ) {
      this.node = node;
    }

    @Field({ description: "Opaque keyset cursor: stable when rows are inserted between pages" })
    get cursor(): string {
      return encodeCursor(this.keys, this.node);
    }
  }

  @ObjectType(`${typeName}Connection`, { simpleResolvers: true })
  class TypeConnection implements Connection<Row> {
    @Field(() => [nodeType], { description: "The nodes of the edges, for clients that need no cursors" })
    nodes: Row[];

    constructor(private readonly page: Page<Row>) {
      this.nodes = page.rows;
    }

    // Edges and cursors are made only for queries that ask for them: most lists are read as nodes.
    @Field(() => [Edge])
    get edges(): Edge[] {
      return this.page.rows.map((row) => new Edge(row, this.page.keys));
    }

    @Field(() => PageInfo)
    get pageInfo(): PageInfo {
      const { rows, keys, hasNextPage, hasPreviousPage } = this.page;
      const cursorOf = (row: Row | undefined) => (row === undefined ? null : encodeCursor(keys, row));
      return { hasNextPage, hasPreviousPage, startCursor: cursorOf(rows[0]), endCursor: cursorOf(rows.at(-1)) };
    }

    @Field(() => Int, { description: "Items in the whole list, across all pages" })
    totalCount(): Promise<number> {
      return this.page.countTotal();
    }
  }

  return TypeConnection;
}
