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

@ObjectType({ description: "Relay page information" })
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
  @ObjectType(`${typeName}Edge`)
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

  @ObjectType(`${typeName}Connection`)
  class TypeConnection implements Connection<Row> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [nodeType], { description: "The nodes of the edges, for clients that need no cursors" })
    nodes: Row[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    private readonly countTotal: () => Promise<number>;

    constructor(page: Page<Row>) {
      this.nodes = page.rows;
      this.edges = page.rows.map((row) => new Edge(row, page.keys));
      this.pageInfo = {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: this.edges[0]?.cursor ?? null,
        endCursor: this.edges.at(-1)?.cursor ?? null,
      };
      this.countTotal = page.countTotal;
    }

    @Field(() => Int, { description: "Items in the whole list, across all pages" })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }

  return TypeConnection;
}
