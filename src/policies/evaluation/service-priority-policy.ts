import { RuleResult } from "json-rules-engine";
import { FactValues } from "../facts/fact-catalogue";
import { BusinessHoursOfRegion, PriorityLevel, ServicePriorityFile, weekdays } from "../rule-files/rule-file";
import { BusinessCalendar } from "../../shared/business-calendar";
import { Explanation } from "./explanation";
import { buildExplanation, firstMatchDeciders } from "./rule-explanations";
import { firstFired, RuleRunner } from "./rule-runner";

export interface ServicePriorityOutcome {
  level: PriorityLevel;
  lane: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** The working time the targets count when they count business time; null: calendar time. */
  businessCalendar: BusinessCalendar | null;
  explanation: Explanation;
}

/** A ticket's priority level and lane, each decided by the first matching rule; its clock from the tier's targets. */
export class ServicePriorityPolicy {
  private readonly runner: RuleRunner;
  private readonly calendars: Map<string, BusinessCalendar>;

  constructor(
    private readonly file: ServicePriorityFile,
    private readonly rulesVersion: string,
  ) {
    this.runner = new RuleRunner(file.rules);
    this.calendars = new Map(Object.entries(file.businessHours ?? {}).map(([region, hours]) => [region, businessCalendarOf(hours)]));
  }

  /**
   * The facts include the account's tier (accountTier), which selects the targets; the account's region
   * selects the working hours of targets that count business time (none given: calendar time).
   */
  async evaluate(facts: FactValues, region?: string): Promise<ServicePriorityOutcome> {
    const { fired } = await this.runner.run(facts);
    const levelRule = firstFired(fired, "priority");
    const laneRule = firstFired(fired, "lane");
    const level = (levelRule ? levelRule.event!.params!.level : this.file.default.level) as PriorityLevel;
    const lane = laneRule ? String(laneRule.event!.params!.lane) : this.file.default.lane;
    const target = this.file.targets[String(facts.accountTier)][level];
    const defaults = [...(levelRule ? [] : [`level: ${level}`]), ...(laneRule ? [] : [`lane: ${lane}`])];
    const decided = new Set([levelRule, laneRule].filter((rule): rule is RuleResult => rule !== undefined));
    return {
      level,
      lane,
      firstResponseMinutes: target.firstResponseMinutes,
      resolutionMinutes: target.resolutionMinutes,
      businessCalendar: target.clock === "business" && region !== undefined ? (this.calendars.get(region) ?? null) : null,
      explanation: buildExplanation(this.rulesVersion, "first", fired, decided, defaults, firstMatchDeciders(fired, fired)),
    };
  }
}

function businessCalendarOf(hours: BusinessHoursOfRegion): BusinessCalendar {
  return {
    timeZone: hours.timeZone,
    workingDays: hours.workingDays.map((day) => weekdays.indexOf(day) + 1),
    opensAt: hours.hours.from,
    closesAt: hours.hours.to,
    holidays: hours.holidays ?? [],
  };
}
