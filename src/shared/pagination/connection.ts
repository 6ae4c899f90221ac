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

@ObjectType({ simpleResolvers: true, description: "Where a page lies in its list (Relay's PageInfo), and the cursors to page on from" })
export class PageInfo {
  @Field({ description: "Paging forward: whether more items follow this page. Paging backward: whether the page was read before a cursor (`before` given)" })
  hasNextPage: boolean;

  @Field({ description: "Paging forward: whether the page was read after a cursor (`after` given). Paging backward: whether more items come before this page" })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the page's first item, to page backward from with `before`; null when the page is empty" })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the page's last item, to page forward from with `after`; null when the page is empty" })
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
  @ObjectType(`${typeName}Edge`, { simpleResolvers: true, description: `One ${typeName} of a page, with the cursor of its place in the list` })
  class Edge {
    @Field(() => nodeType, { description: `The ${typeName} at this place in the list` })
    node: Row;

    constructor(
      node: Row,
      private readonly keys: ReadonlyArray<SortKey<Row>>,
    ) {
      this.node = node;
    }

    @Field({
      description:
        "Opaque keyset cursor of this place: give it as `after` or `before` to page on from here; rows inserted meanwhile never make a page repeat or skip one",
    })
    get cursor(): string {
      return encodeCursor(this.keys, this.node);
    }
  }

  @ObjectType(`${typeName}Connection`, {
    simpleResolvers: true,
    description: `A page of a list of ${typeName} objects, in the order asked for (ties broken by id), with its place in the list and the list's size`,
  })
  class TypeConnection implements Connection<Row> {
    /** The edge type, for a mutation's payload: the edge of a row it added, with the row's cursor in an ordering of the list. */
    static readonly Edge = Edge;

    @Field(() => [nodeType], { description: "The page's items without their cursors, in the same order as `edges`" })
    nodes: Row[];

    constructor(private readonly page: Page<Row>) {
      this.nodes = page.rows;
    }

    // Edges and cursors are made only for queries that ask for them: most lists are read as nodes.
    @Field(() => [Edge], { description: "The page's items with their cursors, in the list's order (paging backward too)" })
    get edges(): Edge[] {
      return this.page.rows.map((row) => new Edge(row, this.page.keys));
    }

    @Field(() => PageInfo, { description: "Whether items lie beyond the page either way, and the cursors to page on from" })
    get pageInfo(): PageInfo {
      const { rows, keys, hasNextPage, hasPreviousPage } = this.page;
      const cursorOf = (row: Row | undefined) => (row === undefined ? null : encodeCursor(keys, row));
      return { hasNextPage, hasPreviousPage, startCursor: cursorOf(rows[0]), endCursor: cursorOf(rows.at(-1)) };
    }

    @Field(() => Int, { description: "Items in the whole filtered list, across all pages; costs 20 points of a query's budget, whatever the page size" })
    totalCount(): Promise<number> {
      return this.page.countTotal();
    }
  }

  return TypeConnection;
}
