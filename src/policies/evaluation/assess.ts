import { AccountFacts, factCatalogue, FactValues, TicketFacts } from "../facts/fact-catalogue";
import { RuleSet } from "../rule-set";
import { RetentionInsight, RetentionOutcome } from "./retention-policy";
import { ServicePriorityOutcome } from "./service-priority-policy";
import { TieringInsight, TieringOutcome } from "./tiering-policy";

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

export interface AccountPolicyInsight {
  facts: FactValues;
  tiering: TieringInsight;
  retention: RetentionInsight;
}

/** As assessAccount, with every rule explained, fired or not, and the near misses of stage and risk: for analysts' questions, not for every evaluation. */
export async function explainAccount(ruleSet: RuleSet, accountFacts: AccountFacts | FactValues): Promise<AccountPolicyInsight> {
  const base = { ...unknownFacts, ...accountFacts };
  const tiering = await ruleSet.tiering.explain(base);
  const facts = { ...base, accountTier: tiering.outcome.tier, lifecycleStage: tiering.outcome.lifecycleStage };
  return { facts, tiering, retention: await ruleSet.retention.explain(facts) };
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
