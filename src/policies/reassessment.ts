import { performance } from "node:perf_hooks";
import { setImmediate } from "node:timers/promises";
import { EntityManager } from "typeorm";
import { assessAccount, prioritizeTicket } from "./evaluation/assess";
import { computeAccountFacts } from "./facts/account-facts";
import { AccountFacts } from "./facts/fact-catalogue";
import { computeOpenTicketFacts, TicketWithFacts } from "./facts/ticket-facts";
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

/** The facts of a batch: its accounts', and its accounts' open tickets'. */
export interface GatheredFacts {
  accounts: Map<string, AccountFacts>;
  openTickets: Map<string, TicketWithFacts>;
}

export interface EvaluatedBatch {
  assessments: AccountOutcomeToWrite[];
  priorities: TicketPriorityToWrite[];
}

/** Two statements, whatever the batch size. */
export async function gatherFacts(manager: EntityManager, accountIds: readonly string[], asOf: Date): Promise<GatheredFacts> {
  const [accounts, openTickets] = await Promise.all([computeAccountFacts(manager, accountIds, asOf), computeOpenTicketFacts(manager, accountIds, asOf)]);
  return { accounts, openTickets };
}

/**
 * The engines resolve in promises alone, which never let the event loop serve I/O: a background batch of
 * 1,000 accounts would hold every API request of the process for its whole evaluation. The batch steps
 * aside for a turn of the event loop once it has held it this long. By time, not by a count of accounts:
 * an account costs from 0.1 ms (today's rules, warm) to 10 ms and more per family (a set at the evaluation-time limit), and a
 * read waits for at most one slice per turn it needs.
 */
const millisecondsBetweenYields = 5;

/** A clock of engine time since the last yield; `maybeYield` gives the event loop a turn when a slice is used up. */
function yieldingClock(): { maybeYield(): Promise<void> } {
  let sliceStarted = performance.now();
  return {
    async maybeYield() {
      if (performance.now() - sliceStarted < millisecondsBetweenYields) return;
      await setImmediate();
      sliceStarted = performance.now();
    },
  };
}

/**
 * Tiering and retention for every account, then the service priority of its open tickets.
 * Runs one after the other: overlapping engine runs were measured slower (garbage collection).
 */
export async function evaluateBatch(ruleSet: RuleSet, gathered: GatheredFacts): Promise<EvaluatedBatch> {
  const slices = yieldingClock();
  const assessments: AccountOutcomeToWrite[] = [];
  for (const [accountId, facts] of gathered.accounts) {
    assessments.push({ accountId, outcome: await assessAccount(ruleSet, facts) });
    await slices.maybeYield();
  }
  const factsOfAccount = new Map(assessments.map(({ accountId, outcome }) => [accountId, outcome.facts]));
  const priorities: TicketPriorityToWrite[] = [];
  for (const [ticketId, ticket] of gathered.openTickets) {
    // The tickets were found by this batch's account ids, so their account's facts are at hand.
    const accountFacts = factsOfAccount.get(ticket.accountId)!;
    const outcome = await prioritizeTicket(ruleSet, accountFacts, ticket.facts, ticket.region);
    priorities.push({ ticketId, openedAt: ticket.openedAt, facts: { ...accountFacts, ...ticket.facts }, outcome });
    await slices.maybeYield();
  }
  return { assessments, priorities };
}

/** Two statements; a result already written by a newer evaluation of the same rule set is kept. */
export async function writeBatch(manager: EntityManager, batch: EvaluatedBatch, ruleSet: RuleSet, asOf: Date): Promise<ReassessmentSummary> {
  const accountsChanged = await writeAccountAssessments(manager, batch.assessments, ruleSet.version, asOf);
  const ticketsChanged = await writeTicketPriorities(manager, batch.priorities, ruleSet.version, asOf);
  return { accounts: batch.assessments.length, accountsChanged, tickets: batch.priorities.length, ticketsChanged };
}

/**
 * Recomputes a batch of accounts and their open tickets and writes every result, in the caller's
 * transaction (a mutation's): four statements, whatever the batch size. The caller holds each account's
 * lock from the start of its transaction (lockAccountForReassessment): facts read under READ COMMITTED
 * then include every write that committed before, and `asOf`, taken after the lock, is later than theirs.
 */
export async function reassessAccounts(
  manager: EntityManager,
  accountIds: readonly string[],
  ruleSet: RuleSet,
  asOf: Date = new Date(),
  timings?: ReassessmentTimings,
): Promise<ReassessmentSummary> {
  const clock = stopwatch(timings);
  const gathered = await clock("facts", () => gatherFacts(manager, accountIds, asOf));
  const evaluated = await clock("engine", () => evaluateBatch(ruleSet, gathered));
  return clock("writes", () => writeBatch(manager, evaluated, ruleSet, asOf));
}

export function stopwatch(timings: ReassessmentTimings | undefined) {
  return async <Result>(phase: keyof ReassessmentTimings, work: () => Promise<Result>): Promise<Result> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      if (timings) timings[phase] += performance.now() - started;
    }
  };
}
