/** Durations in milliseconds: every generated moment is a whole number of them, as the columns keep. */
export const hour = 3_600_000;
export const day = 24 * hour;
export const year = 365.25 * day;

/** A `timestamptz` parameter with exactly millisecond precision. */
export function isoTimestamp(milliseconds: number): string {
  return new Date(Math.floor(milliseconds)).toISOString();
}

/** A `date` parameter: the UTC calendar day of the moment. */
export function isoDate(milliseconds: number): string {
  return new Date(Math.floor(milliseconds)).toISOString().slice(0, 10);
}

export function startOfUtcDay(milliseconds: number): number {
  return Math.floor(milliseconds / day) * day;
}

/** The same calendar day `years` later (29 February falls to 1 March), at midnight UTC. */
export function addYears(dayStart: number, years: number): number {
  const date = new Date(dayStart);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate());
}
