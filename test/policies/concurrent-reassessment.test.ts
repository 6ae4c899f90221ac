import { Account } from "../../src/accounts/account.entity";
import { reassessAccounts } from "../../src/policies/reassessment";
import { Ticket } from "../../src/tickets/ticket.entity";
import { OpenTicketDocument, OpenTicketInput, PlaceOrderDocument, ResolveTicketDocument, UpdateOrderStatusDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { ExecutionResult, startTestApp, TestApp } from "../support/test-app";

/** PGlite has one session and runs a transaction's statements together, so only PostgreSQL lets two writers overlap. */
const overlappingWriters = Boolean(process.env.TEST_DATABASE_URL);

describe("reassessment: concurrent writes to one account", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Waits until `count` backends wait on the gate's lock, directly or behind another waiting backend. */
  async function untilWaitingBehind(gatePid: number, count: number): Promise<void> {
    for (let attempt = 0; attempt < 250; attempt++) {
      const [{ waiting }]: { waiting: number }[] = await app.dataSource.query(
        `WITH RECURSIVE behind (pid) AS (
           SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))
           UNION SELECT activity.pid FROM pg_stat_activity activity JOIN behind ON behind.pid = ANY(pg_blocking_pids(activity.pid))
         )
         SELECT count(*)::int AS waiting FROM behind`,
        [gatePid],
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Fewer than ${count} writers ever waited on the gate`);
  }

  /**
   * Runs two writers of one account while a gate holds its assessment row: both start before either can
   * commit, so without the account lock each reads facts without the other's write. The gate opens
   * once both wait (on it, or one on the other). PGlite runs one transaction at a time: there they queue.
   */
  async function asOverlappingWriters<Result>(accountId: string, writers: () => Promise<Result[]>): Promise<Result[]> {
    const gate = app.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    await gate.query("SELECT account_id FROM account_assessments WHERE account_id = $1 FOR UPDATE", [accountId]);
    const running = writers();
    if (overlappingWriters) {
      // A query runner's query() is not generic, unlike the data source's.
      const [{ pid }] = (await gate.query("SELECT pg_backend_pid() AS pid")) as { pid: number }[];
      await untilWaitingBehind(pid, 2);
    }
    await gate.commitTransaction();
    await gate.release();
    return running;
  }

  async function assessedAccount(): Promise<Account> {
    const account = await createAccount(app.dataSource);
    await app.dataSource.transaction((manager) => reassessAccounts(manager, [account.id], app.policies.current()));
    return account;
  }

  async function assessmentFacts(accountId: string): Promise<Record<string, unknown>> {
    const [{ facts }]: { facts: Record<string, unknown> }[] = await app.dataSource.query("SELECT facts FROM account_assessments WHERE account_id = $1", [
      accountId,
    ]);
    return facts;
  }

  const prioritiesOf = async (accountId: string) =>
    (await app.dataSource.getRepository(Ticket).findBy({ accountId })).map((ticket) => [ticket.subject, ticket.priorityLevel]).sort();

  const errorsOf = (results: ExecutionResult<unknown>[]) => results.flatMap((result) => result.errors ?? []);

  function complaint(account: Account, subject: string): OpenTicketInput {
    return { accountId: account.globalId, subject, category: "COMPLAINT", severity: "LOW", channel: "EMAIL" };
  }

  function placeOrderOf(account: Account, dollars: string) {
    return app.execute(PlaceOrderDocument, {
      input: { accountId: account.globalId, channel: "WEB", lines: [{ product: "Licence", quantity: 1, unitPrice: { amount: dollars, currency: "USD" } }] },
    });
  }

  it("when two complaints are opened at once on one account, then the second sees two open complaints and both escalate to P1", async () => {
    const account = await assessedAccount();
    const results = await asOverlappingWriters(account.id, () =>
      Promise.all([
        app.execute(OpenTicketDocument, { input: complaint(account, "First") }),
        app.execute(OpenTicketDocument, { input: complaint(account, "Second") }),
      ]),
    );
    expect(errorsOf(results)).toEqual([]);
    expect(await assessmentFacts(account.id)).toMatchObject({ openComplaints: 2 });
    expect(await prioritiesOf(account.id)).toEqual([
      ["First", "P1"],
      ["Second", "P1"],
    ]);
  });

  it("when two orders are placed at once on one account, then the assessment's revenue12m counts both", async () => {
    const account = await assessedAccount();
    const results = await asOverlappingWriters(account.id, () => Promise.all([placeOrderOf(account, "100.00"), placeOrderOf(account, "250.00")]));
    expect(errorsOf(results)).toEqual([]);
    expect(await assessmentFacts(account.id)).toMatchObject({ revenue12m: 350, orders12m: 2 });
  });

  it("when a complaint is resolved while another is opened on its account, then the new one counts one open complaint and stays P2", async () => {
    const account = await assessedAccount();
    const first = await app.execute(OpenTicketDocument, { input: complaint(account, "First") });
    const results = await asOverlappingWriters(account.id, () =>
      Promise.all([
        app.execute(ResolveTicketDocument, { id: first.data!.openTicket.id }),
        app.execute(OpenTicketDocument, { input: complaint(account, "Second") }),
      ]),
    );
    expect(errorsOf(results)).toEqual([]);
    expect(await assessmentFacts(account.id)).toMatchObject({ openComplaints: 1 });
    expect((await prioritiesOf(account.id)).find(([subject]) => subject === "Second")).toEqual(["Second", "P2"]);
  });

  it("when an order is cancelled while another is placed on its account, then the assessment's revenue12m counts only the new one", async () => {
    const account = await assessedAccount();
    const cancelled = await placeOrderOf(account, "100.00");
    const results = await asOverlappingWriters(account.id, () =>
      Promise.all([app.execute(UpdateOrderStatusDocument, { id: cancelled.data!.placeOrder.id, status: "CANCELLED" }), placeOrderOf(account, "250.00")]),
    );
    expect(errorsOf(results)).toEqual([]);
    expect(await assessmentFacts(account.id)).toMatchObject({ revenue12m: 250, orders12m: 1 });
  });
});
