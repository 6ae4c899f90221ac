import { TicketSeverity } from "../../src/tickets/ticket.entity";
import { TicketSort, TicketsPageDocument, TicketsPageQuery } from "../generated/graphql";
import { createAccount, createTicket } from "../support/factories";
import { errorCodes, ExecutionResult, startTestApp, TestApp } from "../support/test-app";
import { hour } from "./ticket-fixtures";

describe("tickets: ordering and pagination", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const idsOf = (result: ExecutionResult<TicketsPageQuery>) => result.data!.tickets.edges.map((edge) => edge.node.id);
  const severities = [
    TicketSeverity.LOW,
    TicketSeverity.CRITICAL,
    TicketSeverity.MEDIUM,
    TicketSeverity.HIGH,
    TicketSeverity.CRITICAL,
    TicketSeverity.LOW,
    TicketSeverity.HIGH,
  ];

  /** Seven tickets of a new account; some share an opening time, so that ties need the id. */
  async function accountWithSevenTickets() {
    const account = await createAccount(app.dataSource);
    const tickets = [];
    for (const [index, severity] of severities.entries()) {
      tickets.push(await createTicket(app.dataSource, account.id, { severity, openedAt: hour(Math.floor(index / 2)) }));
    }
    return { filter: { accountId: account.globalId }, tickets };
  }

  /** Reads every page of `size` in the given direction and returns the ids in list order. */
  async function readAllPages(filter: { accountId: string }, orderBy: TicketSort[] | undefined, direction: "forward" | "backward", size: number) {
    const pages: string[][] = [];
    let cursor: string | null | undefined;
    for (let request = 0; request < 10; request++) {
      const result =
        direction === "forward"
          ? await app.execute(TicketsPageDocument, { filter, orderBy, first: size, after: cursor })
          : await app.execute(TicketsPageDocument, { filter, orderBy, last: size, before: cursor });
      expect(result.errors).toBeUndefined();
      const { pageInfo } = result.data!.tickets;
      if (direction === "forward") pages.push(idsOf(result));
      else pages.unshift(idsOf(result));
      const more = direction === "forward" ? pageInfo.hasNextPage : pageInfo.hasPreviousPage;
      if (!more) return pages.flat();
      cursor = direction === "forward" ? pageInfo.endCursor : pageInfo.startCursor;
    }
    throw new Error("the pages never ended");
  }

  it("when no order is given, then tickets come newest first with ties broken by id descending", async () => {
    const { filter, tickets } = await accountWithSevenTickets();
    const expected = [...tickets]
      .sort((left, right) => right.openedAt.getTime() - left.openedAt.getTime() || (right.id < left.id ? -1 : 1))
      .map((ticket) => ticket.globalId);
    expect(idsOf(await app.execute(TicketsPageDocument, { filter, first: 100 }))).toEqual(expected);
  });

  it("when ordering by severity descending, then critical comes first and low last, not alphabetically", async () => {
    const { filter } = await accountWithSevenTickets();
    const result = await app.execute(TicketsPageDocument, { filter, first: 100, orderBy: [{ field: "SEVERITY", direction: "DESC" }] });
    expect(result.data!.tickets.edges.map((edge) => edge.node.severity)).toEqual(["CRITICAL", "CRITICAL", "HIGH", "HIGH", "MEDIUM", "LOW", "LOW"]);
    const ascending = await app.execute(TicketsPageDocument, { filter, first: 100, orderBy: [{ field: "SEVERITY", direction: "ASC" }] });
    expect(ascending.data!.tickets.edges.map((edge) => edge.node.severity)).toEqual(["LOW", "LOW", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"]);
  });

  it.each([
    ["the default order", undefined],
    ["opening time ascending", [{ field: "OPENED_AT", direction: "ASC" }]],
    [
      "severity descending, then opening time",
      [
        { field: "SEVERITY", direction: "DESC" },
        { field: "OPENED_AT", direction: "ASC" },
      ],
    ],
  ] as Array<[string, TicketSort[] | undefined]>)(
    "when paging by %s forward and backward in pages of 3, then the pages join up without duplicates or gaps",
    async (_, orderBy) => {
      const { filter } = await accountWithSevenTickets();
      const all = idsOf(await app.execute(TicketsPageDocument, { filter, orderBy, first: 100 }));
      expect(all).toHaveLength(7);
      expect(await readAllPages(filter, orderBy, "forward", 3)).toEqual(all);
      expect(await readAllPages(filter, orderBy, "backward", 3)).toEqual(all);
    },
  );

  it("when reading a middle page, then both neighbours are signalled and totalCount counts every page", async () => {
    const { filter } = await accountWithSevenTickets();
    const first = await app.execute(TicketsPageDocument, { filter, first: 3 });
    const middle = await app.execute(TicketsPageDocument, { filter, first: 3, after: first.data!.tickets.pageInfo.endCursor });
    expect(middle.data!.tickets.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(middle.data!.tickets.totalCount).toBe(7);
    expect(first.data!.tickets.totalCount).toBe(7);
  });

  it("when a cursor of one order is used with another, then BAD_USER_INPUT names after", async () => {
    const { filter } = await accountWithSevenTickets();
    const first = await app.execute(TicketsPageDocument, { filter, first: 3 });
    const result = await app.execute(TicketsPageDocument, {
      filter,
      first: 3,
      after: first.data!.tickets.pageInfo.endCursor,
      orderBy: [{ field: "SEVERITY", direction: "DESC" }],
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("after");
  });
});
