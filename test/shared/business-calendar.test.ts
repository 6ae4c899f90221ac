import { DateTime } from "luxon";
import { addWorkingMinutes, BusinessCalendar, workingMinutesBetween } from "../../src/shared/business-calendar";

const berlin: BusinessCalendar = {
  timeZone: "Europe/Berlin",
  workingDays: [1, 2, 3, 4, 5],
  opensAt: "09:00",
  closesAt: "17:00",
  holidays: ["2026-12-24", "2026-12-25", "2027-01-01"],
};

const local = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toJSDate();
const inBerlin = (date: Date) => DateTime.fromJSDate(date, { zone: "Europe/Berlin" }).toISO({ suppressMilliseconds: true, includeOffset: false });

/** A small generator with a seed, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("business time: working minutes in a region's calendar", () => {
  test("when a target starts late on a Friday, then it runs on from Monday's opening", () => {
    expect(inBerlin(addWorkingMinutes(local("2026-11-27T16:00"), 120, berlin))).toBe("2026-11-30T10:00:00");
  });

  test("when a target starts outside the working day, then it counts from the next opening", () => {
    expect(inBerlin(addWorkingMinutes(local("2026-11-30T06:30"), 30, berlin))).toBe("2026-11-30T09:30:00");
    expect(inBerlin(addWorkingMinutes(local("2026-11-30T19:00"), 30, berlin))).toBe("2026-12-01T09:30:00");
  });

  test("when holidays and a weekend follow, then they are passed over", () => {
    expect(inBerlin(addWorkingMinutes(local("2026-12-23T16:00"), 120, berlin))).toBe("2026-12-28T10:00:00");
  });

  test("when the clocks change for summer time over the weekend, then the hours stay wall-clock hours", () => {
    const due = addWorkingMinutes(local("2027-03-26T16:00"), 120, berlin);
    expect(inBerlin(due)).toBe("2027-03-29T10:00:00");
    expect(due.toISOString()).toBe("2027-03-29T08:00:00.000Z");
  });

  test("when 2,000 targets are generated, then the working time between start and due is the target, and every due time falls in working hours", () => {
    const next = random(20_261_202);
    const start = local("2026-01-01T00:00").getTime();
    for (let index = 0; index < 2_000; index++) {
      const from = new Date(start + Math.floor(next() * 400 * 86_400_000));
      const minutes = 1 + Math.floor(next() * 5_000);
      const due = addWorkingMinutes(from, minutes, berlin);
      expect(workingMinutesBetween(from, due, berlin)).toBeCloseTo(minutes, 6);
      const wall = DateTime.fromJSDate(due, { zone: "Europe/Berlin" });
      expect(berlin.workingDays).toContain(wall.weekday);
      expect(berlin.holidays).not.toContain(wall.toISODate());
      const at = (hour: number) => wall.set({ hour, minute: 0, second: 0, millisecond: 0 });
      expect(wall > at(9) && wall <= at(17)).toBe(true);
    }
  });

  test("when the end comes before the start, then no working time lies between them", () => {
    expect(workingMinutesBetween(local("2026-11-30T12:00"), local("2026-11-30T10:00"), berlin)).toBe(0);
  });
});
