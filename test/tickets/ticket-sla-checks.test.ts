import { relayEvents } from "../../src/events/event-relay";
import { JobQueue } from "../../src/jobs/job-queue";
import { databaseIdOf } from "../../src/shared/global-id";
import { scheduleSlaChecks, workOnSlaChecks } from "../../src/tickets/ticket-sla-checks";
import { SlaTicketCustomerReplyDocument, SlaTicketOpenDocument, SlaTicketRespondDocument } from "../generated/graphql";
import { createAccount } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { startTestJobQueue } from "../support/test-job-queue";

const warningShare = 0.8;

interface RecordedEvent {
  type: string;
  occurredAt: Date;
  after: { kind: string; dueAt: string; level: string };
}

/**
 * The SLA clock's alarms on the real clock: the outbox relay schedules a check job at each running target's
 * warning time and due time; the job queue runs them when they come due.
 */
describe("SLA warnings and breaches from the job queue", () => {
  let app: TestApp;
  let queue: JobQueue;

  beforeAll(async () => {
    app = await startTestApp();
    queue = await startTestJobQueue("sla_checks");
    await workOnSlaChecks(queue, app.dataSource, warningShare);
  });
  afterAll(async () => {
    await queue.stop(1_000);
    await app.close();
  });

  /** Relays every event not relayed yet (earlier test files leave theirs: the relay takes the oldest first). */
  const relay = async () => {
    while ((await relayEvents(app.dataSource, [scheduleSlaChecks(queue, warningShare)])) > 0);
  };

  async function openTicket(): Promise<string> {
    const account = await createAccount(app.dataSource);
    const opened = await app.execute(SlaTicketOpenDocument, {
      input: { accountId: account.globalId, subject: "Invoices missing", category: "INCIDENT", severity: "MEDIUM", channel: "EMAIL" },
    });
    return opened.data!.ticketOpen!.ticket!.id;
  }

  /**
   * Targets set 8 s ago, the one named due in `seconds` (10 s allowed: the warning comes at 8 s, now); a first
   * response due in an hour, or (a resolution named) at the same time (a resolution is never due before it).
   */
  async function targetsDueSoon(ticketId: string, kind: "first_response" | "resolution", seconds: number): Promise<Date> {
    const soon = `now() + interval '${seconds} seconds'`;
    const [[row]]: [Array<{ due: Date }>, number] = await app.dataSource.query(
      `UPDATE tickets SET sla_targets_set_at = now() - interval '8 seconds',
              first_response_due_at = ${soon},
              resolution_due_at = ${kind === "resolution" ? soon : "now() + interval '1 hour'"}
        WHERE id = $1 RETURNING ${kind}_due_at AS due`,
      [databaseIdOf("Ticket", ticketId)],
    );
    return row.due;
  }

  async function alarms(ticketId: string): Promise<RecordedEvent[]> {
    return app.dataSource.query(
      `SELECT type, occurred_at AS "occurredAt", after FROM domain_events
        WHERE subject_id = $1 AND type IN ('ticket.slaWarning', 'ticket.slaBreached') ORDER BY id`,
      [databaseIdOf("Ticket", ticketId)],
    );
  }

  async function waitForAlarms(ticketId: string, count: number, milliseconds: number): Promise<RecordedEvent[]> {
    const started = Date.now();
    for (;;) {
      const found = await alarms(ticketId);
      if (found.length >= count || Date.now() - started > milliseconds) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test("when a first response comes near its due time and then misses it, then a warning fires before it and a breach within 2.5 s after, each once", async () => {
    await relay(); // What earlier files left, first: then the relay after the targets are set is quick.
    const ticketId = await openTicket();
    const due = await targetsDueSoon(ticketId, "first_response", 2);
    await relay();

    const found = await waitForAlarms(ticketId, 2, 8_000);
    expect(found.map((event) => [event.type, event.after.kind])).toEqual([
      ["ticket.slaWarning", "FIRST_RESPONSE"],
      ["ticket.slaBreached", "FIRST_RESPONSE"],
    ]);
    const [warning, breach] = found;
    expect(new Date(warning.after.dueAt)).toEqual(due);
    expect(warning.occurredAt.getTime()).toBeLessThan(due.getTime());
    expect(breach.occurredAt.getTime()).toBeGreaterThan(due.getTime());
    expect(breach.occurredAt.getTime() - due.getTime()).toBeLessThan(2_500);

    // Scheduled again (another event of the ticket): recorded facts are not repeated.
    await relay();
    await app.dataSource.query(`UPDATE tickets SET updated_at = now() WHERE id = $1`, [databaseIdOf("Ticket", ticketId)]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await alarms(ticketId)).toHaveLength(2);
  });

  test("when the ticket waits on the customer past its resolution due time, then no breach; back OPEN, the target moves by the wait, warned of and breached then", async () => {
    await relay();
    const ticketId = await openTicket();
    await app.execute(SlaTicketRespondDocument, { input: { ticketId } });
    const due = await targetsDueSoon(ticketId, "resolution", 1);
    await relay();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await alarms(ticketId)).toEqual([]);

    const replied = await app.execute(SlaTicketCustomerReplyDocument, { input: { ticketId } });
    const moved = new Date(replied.data!.ticketCustomerReply!.ticket!.sla!.resolutionDueAt);
    expect(moved.getTime()).toBeGreaterThan(due.getTime() + 2_000);
    await relay();

    // 9 s allowed, the wait not counted: the warning (at 80 %) is due at once.
    const found = await waitForAlarms(ticketId, 2, 8_000);
    expect(found.map((event) => [event.type, event.after.kind])).toEqual([
      ["ticket.slaWarning", "RESOLUTION"],
      ["ticket.slaBreached", "RESOLUTION"],
    ]);
    const breach = found[1];
    expect(new Date(breach.after.dueAt)).toEqual(moved);
    expect(breach.occurredAt.getTime()).toBeGreaterThan(moved.getTime());
    expect(breach.occurredAt.getTime() - moved.getTime()).toBeLessThan(2_500);
  });
});
