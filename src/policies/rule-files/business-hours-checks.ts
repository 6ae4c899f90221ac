import { DateTime, IANAZone } from "luxon";
import { Region } from "../../accounts/account.entity";
import { didYouMean, isRecord, ProblemCollector } from "./problem-collector";
import { ServicePriorityFile } from "./rule-file";

const regions: string[] = Object.values(Region);

/**
 * The working hours of service priority: known regions, real time zones and dates, a day that ends after
 * it starts; and hours for every region as soon as a target counts business time (none falls back to
 * calendar time without a word).
 */
export function checkBusinessHours(file: ServicePriorityFile, problems: ProblemCollector): void {
  const hours = isRecord(file.businessHours) ? file.businessHours : {};
  for (const [region, calendar] of Object.entries(hours)) {
    const at = ["businessHours", region];
    if (!regions.includes(region)) problems.report(at, `"${region}" is not a region (${regions.join(", ")}).${didYouMean(region, regions)}`);
    if (!isRecord(calendar)) continue;
    if (typeof calendar.timeZone === "string" && !IANAZone.isValidZone(calendar.timeZone)) {
      problems.report([...at, "timeZone"], `"${calendar.timeZone}" is not a time zone: write an IANA name such as Europe/Berlin or America/New_York`);
    }
    if (isRecord(calendar.hours) && typeof calendar.hours.from === "string" && typeof calendar.hours.to === "string") {
      if (calendar.hours.from >= calendar.hours.to) {
        problems.report([...at, "hours"], `the working day must end after it starts: from ${calendar.hours.from} to ${calendar.hours.to}`);
      }
    }
    (Array.isArray(calendar.holidays) ? calendar.holidays : []).forEach((holiday, index) => {
      if (typeof holiday === "string" && !DateTime.fromISO(holiday).isValid) {
        problems.report([...at, "holidays", index], `"${holiday}" is not a date: write it as 2026-12-25`);
      }
    });
  }
  if (!usesBusinessTime(file)) return;
  const missing = regions.filter((region) => !(region in hours));
  if (missing.length > 0) {
    problems.report(["businessHours"], `some targets count business time: give every region its hours (missing: ${missing.join(", ")})`);
  }
}

function usesBusinessTime(file: ServicePriorityFile): boolean {
  if (!isRecord(file.targets)) return false;
  return Object.values(file.targets).some(
    (levels) => isRecord(levels) && Object.values(levels).some((target) => isRecord(target) && target.clock === "business"),
  );
}
