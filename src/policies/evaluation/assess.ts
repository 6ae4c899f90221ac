import { AccountFacts, factCatalogue, FactValues, TicketFacts } from "../facts/fact-catalogue";
import { RuleSet } from "../rule-set";
import { RetentionOutcome } from "./retention-policy";
import { ServicePriorityOutcome } from "./service-priority-policy";
import { TieringOutcome } from "./tiering-policy";

export interface AccountPolicyOutcome {
  /** The facts as the rules saw them, with the tier and stage tiering decided. */
  facts: FactValues;
  tiering: TieringOutcome;
  retention: RetentionOutcome;
}

/** Every catalogue fact unknown: the base that computed or hand-written facts fill in. */
export const unknownFacts: FactValues = Object.freeze(Object.fromEntries(factCatalogue.map((fact) => [fact.name, null])));

/** Tiering first; retention then sees the tier and stage it decided. */
export async function assessAccount(ruleSet: RuleSet, accountFacts: AccountFacts | FactValues): Promise<AccountPolicyOutcome> {
  const base = { ...unknownFacts, ...accountFacts };
  const tiering = await ruleSet.tiering.evaluate(base);
  const facts = { ...base, accountTier: tiering.tier, lifecycleStage: tiering.lifecycleStage };
  const retention = await ruleSet.retention.evaluate(facts);
  return { facts, tiering, retention };
}

/** A ticket's priority from its own facts and its account's facts, tier included; the region selects business hours. */
export function prioritizeTicket(
  ruleSet: RuleSet,
  accountFacts: FactValues,
  ticketFacts: TicketFacts | FactValues,
  region?: string,
): Promise<ServicePriorityOutcome> {
  return ruleSet.servicePriority.evaluate({ ...unknownFacts, ...accountFacts, ...ticketFacts }, region);
}
