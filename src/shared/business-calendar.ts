import { DateTime } from "luxon";

/** When a support team works: its days and hours in its time zone, less its holidays (rules/service-priority.json, "businessHours"). */
export interface BusinessCalendar {
  /** An IANA time zone, e.g. Europe/Berlin: the hours are its wall-clock hours, daylight saving included. */
  timeZone: string;
  /** ISO weekdays worked: 1 is Monday, 7 Sunday. */
  workingDays: number[];
  /** "09:00": the day's first working minute. */
  opensAt: string;
  /** "17:30": the day's end (not worked). */
  closesAt: string;
  /** Local dates not worked, "2026-12-25". */
  holidays: string[];
}

/** Ten years of days: a calendar that never works (refused when its file is checked) cannot loop for ever. */
const maximumDays = 3_660;

/** The moment `minutes` of working time after `start` (at once when `start` is outside working hours: from the next opening). */
export function addWorkingMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  let remaining = minutes;
  let moment = DateTime.fromJSDate(start, { zone: calendar.timeZone });
  for (let day = 0; day < maximumDays; day++) {
    const hours = workingHoursOf(moment, calendar);
    if (hours && moment < hours.closes) {
      const from = moment < hours.opens ? hours.opens : moment;
      const available = hours.closes.diff(from, "minutes").minutes;
      if (remaining <= available) return from.plus({ minutes: remaining }).toJSDate();
      remaining -= available;
    }
    moment = moment.startOf("day").plus({ days: 1 });
  }
  throw new Error(`The calendar of ${calendar.timeZone} has no working time in ten years`);
}

/** Working minutes between two moments (0 when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  let minutes = 0;
  let moment = DateTime.fromJSDate(from, { zone: calendar.timeZone });
  const end = DateTime.fromJSDate(to, { zone: calendar.timeZone });
  for (let day = 0; day < maximumDays && moment < end; day++) {
    const hours = workingHoursOf(moment, calendar);
    if (hours) {
      const start = moment < hours.opens ? hours.opens : moment;
      const stop = end < hours.closes ? end : hours.closes;
      if (stop > start) minutes += stop.diff(start, "minutes").minutes;
    }
    moment = moment.startOf("day").plus({ days: 1 });
  }
  return minutes;
}

/** A day's opening and closing, or none on a day off. */
function workingHoursOf(moment: DateTime, calendar: BusinessCalendar): { opens: DateTime; closes: DateTime } | undefined {
  if (!calendar.workingDays.includes(moment.weekday) || calendar.holidays.includes(moment.toISODate()!)) return undefined;
  const at = (time: string) => {
    const [hour, minute] = time.split(":").map(Number);
    return moment.set({ hour, minute, second: 0, millisecond: 0 });
  };
  return { opens: at(calendar.opensAt), closes: at(calendar.closesAt) };
}
