import { performance } from "node:perf_hooks";
import { EntityManager } from "typeorm";
import { assessAccount, prioritizeTicket } from "./evaluation/assess";
import { computeAccountFacts } from "./facts/account-facts";
import { computeTicketFacts, findOpenTicketIdsOfAccounts } from "./facts/ticket-facts";
import { AccountOutcomeToWrite, writeAccountAssessments } from "./results/account-assessment-writer";
import { TicketPriorityToWrite, writeTicketPriorities } from "./results/ticket-priority-writer";
import { RuleSet } from "./rule-set";

export interface ReassessmentSummary {
  accounts: number;
  accountsChanged: number;
  tickets: number;
  ticketsChanged: number;
}

/** Where a reassessment spends its time, in milliseconds: added to across batches by the benchmark. */
export interface ReassessmentTimings {
  facts: number;
  engine: number;
  writes: number;
}

/**
 * Recomputes the facts of a batch of accounts, runs tiering and retention, then the service priority of
 * their open tickets, and writes every result: a fixed number of statements per batch, whatever its size.
 * Runs in the caller's transaction (a mutation's, or one per background batch).
 */
export async function reassessAccounts(
  manager: EntityManager,
  accountIds: readonly string[],
  ruleSet: RuleSet,
  asOf: Date = new Date(),
  timings?: ReassessmentTimings,
): Promise<ReassessmentSummary> {
  const clock = stopwatch(timings);
  const accountFacts = await clock("facts", () => computeAccountFacts(manager, accountIds, asOf));
  const assessed = await clock("engine", () => assessAll(ruleSet, accountFacts));
  const accountsChanged = await clock("writes", () => writeAccountAssessments(manager, assessed, ruleSet.version, asOf));

  const ticketIds = await clock("facts", () => findOpenTicketIdsOfAccounts(manager, [...accountFacts.keys()]));
  if (ticketIds.length === 0) return { accounts: assessed.length, accountsChanged, tickets: 0, ticketsChanged: 0 };
  const ticketFacts = await clock("facts", () => computeTicketFacts(manager, ticketIds, asOf));
  const factsOfAccount = new Map(assessed.map(({ accountId, outcome }) => [accountId, outcome.facts]));
  const priorities = await clock("engine", () => prioritizeAll(ruleSet, ticketFacts, factsOfAccount));
  const ticketsChanged = await clock("writes", () => writeTicketPriorities(manager, priorities, ruleSet.version, asOf));
  return { accounts: assessed.length, accountsChanged, tickets: priorities.length, ticketsChanged };
}

// Runs one after the other: overlapping engine runs were measured slower (garbage collection).
async function assessAll(ruleSet: RuleSet, accountFacts: Awaited<ReturnType<typeof computeAccountFacts>>): Promise<AccountOutcomeToWrite[]> {
  const assessed: AccountOutcomeToWrite[] = [];
  for (const [accountId, facts] of accountFacts) assessed.push({ accountId, outcome: await assessAccount(ruleSet, facts) });
  return assessed;
}

async function prioritizeAll(
  ruleSet: RuleSet,
  ticketFacts: Awaited<ReturnType<typeof computeTicketFacts>>,
  factsOfAccount: Map<string, AccountOutcomeToWrite["outcome"]["facts"]>,
): Promise<TicketPriorityToWrite[]> {
  const priorities: TicketPriorityToWrite[] = [];
  for (const [ticketId, ticket] of ticketFacts) {
    // The tickets were found by this batch's account ids, so their account's facts are at hand.
    const accountFacts = factsOfAccount.get(ticket.accountId)!;
    const facts = { ...accountFacts, ...ticket.facts };
    priorities.push({ ticketId, openedAt: ticket.openedAt, facts, outcome: await prioritizeTicket(ruleSet, accountFacts, ticket.facts) });
  }
  return priorities;
}

function stopwatch(timings: ReassessmentTimings | undefined) {
  return async <Result>(phase: keyof ReassessmentTimings, work: () => Promise<Result>): Promise<Result> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      if (timings) timings[phase] += performance.now() - started;
    }
  };
}
