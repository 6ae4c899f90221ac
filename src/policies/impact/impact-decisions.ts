import { AccountPolicyOutcome } from "../evaluation/assess";
import { ServicePriorityOutcome } from "../evaluation/service-priority-policy";
import { priorityLevels } from "../rule-files/rule-file";
import { RuleSet } from "../rule-set";

/** One decision the preview compares: where it is read from an outcome, and the order its values are shown in. */
export interface ComparedDecision<Outcome> {
  family: string;
  decision: string;
  order: readonly string[];
  valueOf: (outcome: Outcome) => string;
}

const absent = "absent";
const present = "present";

/**
 * The account decisions of both rule sets. Signals, barriers and actions are sets: each value is a
 * decision of its own, absent or present, because "action renewal_offer: absent -> present 26" says
 * what an analyst wants to know, where a matrix of whole sets ("complaints, silence" -> "silence")
 * spreads one change over as many cells as there are combinations.
 */
export function accountDecisions(current: RuleSet, draft: RuleSet): ComparedDecision<AccountPolicyOutcome>[] {
  const both = [current, draft];
  const declared = (read: (ruleSet: RuleSet) => readonly string[]) => [...new Set(both.flatMap(read))];
  return [
    { family: "tiering", decision: "tier", order: declared((set) => set.files.tiering.tiers), valueOf: (outcome) => outcome.tiering.tier },
    {
      family: "tiering",
      decision: "lifecycle stage",
      order: declared((set) => set.files.tiering.lifecycleStages),
      valueOf: (outcome) => outcome.tiering.lifecycleStage,
    },
    {
      family: "retention-barriers",
      decision: "risk",
      order: declared((set) => set.files["retention-barriers"].riskLevels.map((level) => level.level)),
      valueOf: (outcome) => outcome.retention.risk,
    },
    { family: "retention-barriers", decision: "let go", order: ["no", "yes"], valueOf: (outcome) => (outcome.retention.letGo ? "yes" : "no") },
    ...declared((set) => eventValues(set, "signal")).map((signal) =>
      membership(`signal ${signal}`, (outcome) => outcome.retention.signals.some((raised) => raised.signal === signal)),
    ),
    ...declared((set) => eventValues(set, "barrier")).map((barrier) =>
      membership(`barrier ${barrier}`, (outcome) => outcome.retention.barriers.includes(barrier)),
    ),
    ...declared((set) => eventValues(set, "action")).map((action) => membership(`action ${action}`, (outcome) => outcome.retention.actions.includes(action))),
  ];
}

/** The open tickets' decisions of both rule sets: level and lane, and the targets the tier and level give. */
export function ticketDecisions(current: RuleSet, draft: RuleSet): ComparedDecision<ServicePriorityOutcome>[] {
  const family = "service-priority";
  const lanes = [...new Set([current, draft].flatMap((set) => set.files[family].lanes))];
  const dueOrder = (field: "firstResponseMinutes" | "resolutionMinutes") =>
    [
      ...new Set(
        [current, draft].flatMap((set) => Object.values(set.files[family].targets).flatMap((byLevel) => Object.values(byLevel).map((target) => target[field]))),
      ),
    ]
      .sort((left, right) => left - right)
      .flatMap((minutes) => [dueText(minutes, false), dueText(minutes, true)]);
  return [
    { family, decision: "priority level", order: priorityLevels, valueOf: (outcome) => outcome.level },
    { family, decision: "lane", order: lanes, valueOf: (outcome) => outcome.lane },
    {
      family,
      decision: "first response due",
      order: dueOrder("firstResponseMinutes"),
      valueOf: (outcome) => dueText(outcome.firstResponseMinutes, outcome.businessCalendar !== null),
    },
    {
      family,
      decision: "resolution due",
      order: dueOrder("resolutionMinutes"),
      valueOf: (outcome) => dueText(outcome.resolutionMinutes, outcome.businessCalendar !== null),
    },
  ];
}

function membership(decision: string, has: (outcome: AccountPolicyOutcome) => boolean): ComparedDecision<AccountPolicyOutcome> {
  return { family: "retention-barriers", decision, order: [absent, present], valueOf: (outcome) => (has(outcome) ? present : absent) };
}

/** The values a retention event type can raise, in the file's order. */
function eventValues(ruleSet: RuleSet, type: "signal" | "barrier" | "action"): string[] {
  return ruleSet.files["retention-barriers"].rules.filter((rule) => rule.event.type === type).map((rule) => String(rule.event.params[type]));
}

/**
 * A target in words, e.g. "30 min", "4 h", "1 h 30 min", "2 d"; "in business hours" when the ticket's clock
 * counts its region's working time only (the due moment moves then too). Business time is never said in days:
 * 1,440 working minutes are three working days, not one.
 */
export function dueText(minutes: number, businessHours: boolean): string {
  const days = businessHours ? 0 : Math.floor(minutes / 1440);
  const hours = Math.floor((minutes - days * 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 && `${days} d`, hours > 0 && `${hours} h`, rest > 0 && `${rest} min`].filter((part) => part !== false);
  const text = parts.length > 0 ? parts.join(" ") : "0 min";
  return businessHours ? `${text} in business hours` : text;
}
