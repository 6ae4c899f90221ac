import { DateTime } from "luxon";
import { addWorkingMinutes, BusinessCalendar } from "../../src/shared/business-calendar";
import { SlaTicketCustomerReplyDocument, SlaTicketOpenDocument, SlaTicketRespondDocument } from "../generated/graphql";
import { writeRulesFolder, minimalRuleFiles } from "../policies/support/rule-fixtures";
import { createAccount } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { useTestClock } from "../support/test-clock";

const europe = { timeZone: "Europe/Berlin", workingDays: ["monday", "tuesday", "wednesday", "thursday", "friday"], hours: { from: "09:00", to: "17:00" } };
const calendar: BusinessCalendar = { timeZone: "Europe/Berlin", workingDays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "17:00", holidays: [] };
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toJSDate();

/** Targets that count business time: every tier and level, with working hours for every region (Berlin's here). */
async function businessTimeRules(): Promise<string> {
  const files = minimalRuleFiles();
  const servicePriority = files["service-priority"];
  servicePriority.businessHours = Object.fromEntries(
    ["north_america", "latin_america", "europe", "middle_east_africa", "asia_pacific"].map((region) => [region, europe]),
  );
  const targets = servicePriority.targets as Record<string, Record<string, { clock?: string }>>;
  for (const levels of Object.values(targets)) {
    for (const target of Object.values(levels)) target.clock = "business";
  }
  return writeRulesFolder(files);
}

describe("targets in business time: only the region's working hours count", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rulesDirectory: await businessTimeRules() });
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => app.close());

  test("when a ticket opens late on a Friday and waits on the customer over the weekend, then its targets run on working hours and the weekend's pause moves them by the 30 working minutes it covered", async () => {
    // A Friday in the future: the database's own defaults (created_at) never come after the test's moments.
    const clock = useTestClock(berlin("2027-01-08T16:00").getTime());
    const account = await createAccount(app.dataSource);
    const opened = await app.execute(SlaTicketOpenDocument, {
      input: { accountId: account.globalId, subject: "Export stuck", category: "INCIDENT", severity: "MEDIUM", channel: "EMAIL" },
    });
    const sla = opened.data!.ticketOpen!.ticket!.sla!;
    // P4 for bronze: 1,440 working minutes (three working days of eight hours) to the first response.
    expect(new Date(sla.firstResponseDueAt)).toEqual(berlin("2027-01-13T16:00"));
    const resolutionDue = new Date(sla.resolutionDueAt);
    expect(resolutionDue).toEqual(addWorkingMinutes(berlin("2027-01-08T16:00"), 10_080, calendar));

    clock.set(berlin("2027-01-08T16:30"));
    const ticketId = opened.data!.ticketOpen!.ticket!.id;
    await app.execute(SlaTicketRespondDocument, { input: { ticketId } });
    clock.set(berlin("2027-01-11T09:00"));
    const replied = await app.execute(SlaTicketCustomerReplyDocument, { input: { ticketId } });
    const resumed = replied.data!.ticketCustomerReply!.ticket!.sla!;

    expect(resumed.resolutionClockRunning).toBe(true);
    expect(new Date(resumed.resolutionDueAt)).toEqual(addWorkingMinutes(resolutionDue, 30, calendar));
  });
});
