import {
  SlaClockFragment,
  SlaTicketCustomerReplyDocument,
  SlaTicketOpenDocument,
  SlaTicketRespondDocument,
  SlaTicketSeverityDocument,
  TicketSeverity,
  TicketSlaClockDocument,
} from "../generated/graphql";
import { createAccount, uniqueTag } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { useTestClock } from "../support/test-clock";

const minute = 60_000;
const hour = 60 * minute;

const time = (iso: string | null | undefined) => new Date(iso!).getTime();
const levelNumber = (clock: SlaClockFragment) => Number(clock.servicePriority!.level.slice(1));

describe("the SLA clock: targets that are promises, a resolution clock that pauses, breaches that stay", () => {
  let app: TestApp;
  let clock: ReturnType<typeof useTestClock>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(() => {
    // Ahead of the real time, so that the database's own defaults (created_at) never come after the test's moments.
    clock = useTestClock(Date.now() + hour);
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => app.close());

  async function openTicket(severity: TicketSeverity): Promise<SlaClockFragment> {
    const account = await createAccount(app.dataSource);
    const opened = await app.execute(SlaTicketOpenDocument, {
      input: { accountId: account.globalId, subject: "Printer on fire", category: "INCIDENT", severity, channel: "EMAIL" },
    });
    return opened.data!.ticketOpen!.ticket!;
  }

  const read = async (id: string) => (await app.execute(TicketSlaClockDocument, { id })).data!.node as SlaClockFragment;

  test("when a ticket goes OPEN → PENDING → OPEN → past its target, then the wait is not counted, the breach shows at once and is recorded at the next change", async () => {
    const opened = await openTicket("MEDIUM");
    const promised = time(opened.sla!.resolutionDueAt);
    expect(opened.sla).toMatchObject({ resolutionClockRunning: true, resolutionPausedMinutes: 0, breaches: [] });

    clock.advance(30 * minute);
    const responded = (await app.execute(SlaTicketRespondDocument, { input: { ticketId: opened.id } })).data!.ticketRespond!.ticket!;
    expect(responded.sla).toMatchObject({
      resolutionClockRunning: false,
      firstRespondedAt: clock.now().toISOString(),
      resolutionDueAt: opened.sla!.resolutionDueAt,
    });

    clock.advance(5 * hour);
    expect((await read(opened.id)).sla).toMatchObject({ resolutionPausedMinutes: 300, resolutionElapsedMinutes: 30 });
    const replied = (await app.execute(SlaTicketCustomerReplyDocument, { input: { ticketId: opened.id } })).data!.ticketCustomerReply!;
    expect(replied.userErrors).toEqual([]);
    expect(replied.ticket!.status).toBe("OPEN");
    expect(time(replied.ticket!.sla!.resolutionDueAt)).toBe(promised + 5 * hour);
    expect(replied.ticket!.sla).toMatchObject({ resolutionClockRunning: true, resolutionPausedMinutes: 300, resolutionElapsedMinutes: 30 });

    clock.advance(time(replied.ticket!.sla!.resolutionDueAt) - clock.now().getTime() + minute);
    const late = await read(opened.id);
    expect(late.servicePriority).toMatchObject({ resolutionBreached: true, firstResponseBreached: false, breached: true });
    expect(late.sla!.breaches).toEqual([
      { kind: "RESOLUTION", dueAt: replied.ticket!.sla!.resolutionDueAt, level: late.servicePriority!.level, recordedAt: null },
    ]);

    // The next change records the breach as it stood; a wait that follows does not undo it.
    const respondedAgain = (await app.execute(SlaTicketRespondDocument, { input: { ticketId: opened.id } })).data!.ticketRespond!.ticket!;
    expect(respondedAgain.sla!.breaches).toEqual([
      { kind: "RESOLUTION", dueAt: replied.ticket!.sla!.resolutionDueAt, level: late.servicePriority!.level, recordedAt: clock.now().toISOString() },
    ]);
    clock.advance(3 * hour);
    await app.execute(SlaTicketCustomerReplyDocument, { input: { ticketId: opened.id } });
    const afterWait = await read(opened.id);
    expect(afterWait.servicePriority!.resolutionBreached).toBe(true);
    expect(afterWait.sla!.breaches).toEqual(respondedAgain.sla!.breaches);
  });

  test("when a ticket is escalated long after it opened, then its new target runs from the escalation (never breached at once), and a later de-escalation never extends it", async () => {
    const account = await createAccount(app.dataSource);
    const externalId = `sla-${uniqueTag()}`;
    const upsert = async (severity: TicketSeverity) => {
      const item = { externalId, accountId: account.globalId, subject: "Printer on fire", category: "INCIDENT" as const, severity, channel: "EMAIL" as const };
      const answer = await app.execute(SlaTicketSeverityDocument, { input: { items: [item] } });
      return answer.data!.upsertTickets!.results![0].node;
    };
    const opened = await upsert("LOW");
    clock.advance(3 * hour);
    const escalated = await upsert("CRITICAL");
    expect(levelNumber(escalated)).toBeLessThan(levelNumber(opened));
    expect(escalated.servicePriority).toMatchObject({ firstResponseBreached: false, breached: false });
    expect(time(escalated.sla!.firstResponseDueAt)).toBeGreaterThan(clock.now().getTime());
    expect(time(escalated.sla!.firstResponseDueAt)).toBeLessThanOrEqual(time(opened.sla!.firstResponseDueAt));
    expect(escalated.sla!.targetsSetAt).toBe(clock.now().toISOString());

    clock.advance(10 * minute);
    const lowered = await upsert("LOW");
    expect(lowered.servicePriority!.level).toBe(opened.servicePriority!.level);
    expect(lowered.sla).toMatchObject({
      firstResponseDueAt: escalated.sla!.firstResponseDueAt,
      resolutionDueAt: escalated.sla!.resolutionDueAt,
      targetsSetAt: escalated.sla!.targetsSetAt,
    });
  });

  test("when a ticket waiting on us is answered by the customer's reply step, then only a PENDING ticket may take it", async () => {
    const opened = await openTicket("LOW");
    const refused = (await app.execute(SlaTicketCustomerReplyDocument, { input: { ticketId: opened.id } })).data!.ticketCustomerReply!;
    expect(refused.userErrors).toEqual([
      { code: "CONFLICT", reason: "ILLEGAL_STATUS_TRANSITION", message: "This step takes a PENDING ticket to OPEN; the ticket is OPEN" },
    ]);
  });
});
