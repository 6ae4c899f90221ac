import { DataSource } from "typeorm";
import { assessAccount } from "../evaluation/assess";
import { FactValues } from "../facts/fact-catalogue";
import { gatherFacts, ReassessmentTimings } from "../reassessment";
import { reevaluateAllAccounts } from "../reevaluation";
import { RuleSet } from "../rule-set";
import { bareEngine, timeBareRuns } from "./bare-engine-timing";

export interface PolicySpeedReport {
  rulesVersion: string;
  accounts: number;
  openTickets: number;
  reevaluationMilliseconds: number;
  phasesMilliseconds: ReassessmentTimings;
  bareEngineMilliseconds: { tiering: number; retention: number; servicePriority: number; total: number };
  ratioToBareEngine: number;
  targetMet: boolean;
}

/**
 * A full re-evaluation of every account in the database (facts, engines, writes), timed by phase,
 * beside the bare json-rules-engine time on the same fact sets. Target: under twice the bare engine time.
 */
export async function measurePolicySpeed(dataSource: DataSource, ruleSet: RuleSet): Promise<PolicySpeedReport> {
  const timings: ReassessmentTimings = { facts: 0, engine: 0, writes: 0 };
  const run = await reevaluateAllAccounts(dataSource, ruleSet, { timings });
  const factSets = await collectFactSets(dataSource, ruleSet);
  const bare = {
    tiering: await timeBareRuns(bareEngine(ruleSet.files.tiering.rules), factSets.accounts),
    retention: await timeBareRuns(bareEngine(ruleSet.files["retention-barriers"].rules), factSets.accounts),
    servicePriority: await timeBareRuns(bareEngine(ruleSet.files["service-priority"].rules), factSets.tickets),
  };
  const bareTotal = bare.tiering + bare.retention + bare.servicePriority;
  return {
    rulesVersion: ruleSet.version,
    accounts: run.accounts,
    openTickets: run.tickets,
    reevaluationMilliseconds: run.milliseconds,
    phasesMilliseconds: timings,
    bareEngineMilliseconds: { ...bare, total: bareTotal },
    ratioToBareEngine: run.milliseconds / bareTotal,
    targetMet: run.milliseconds < 2 * bareTotal,
  };
}

/** The fact sets the re-evaluation saw, kept in memory for the bare engine: accounts (tier added) and open tickets. */
async function collectFactSets(dataSource: DataSource, ruleSet: RuleSet): Promise<{ accounts: FactValues[]; tickets: FactValues[] }> {
  const accounts: FactValues[] = [];
  const tickets: FactValues[] = [];
  const asOf = new Date();
  let lastId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows: { id: string }[] = await dataSource.query("SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT 2000", [lastId]);
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) break;
    lastId = ids[ids.length - 1];
    const gathered = await gatherFacts(dataSource.manager, ids, asOf);
    const factsOfAccount = new Map<string, FactValues>();
    for (const [accountId, facts] of gathered.accounts) {
      const withTier = (await assessAccount(ruleSet, facts)).facts;
      factsOfAccount.set(accountId, withTier);
      accounts.push(withTier);
    }
    for (const ticket of gathered.openTickets.values()) tickets.push({ ...factsOfAccount.get(ticket.accountId), ...ticket.facts });
  }
  return { accounts, tickets };
}

export function printPolicySpeed(report: PolicySpeedReport): void {
  const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
  const rows: [string, string][] = [
    ["accounts / open tickets", `${report.accounts.toLocaleString("en")} / ${report.openTickets.toLocaleString("en")}`],
    ["full re-evaluation (wall)", seconds(report.reevaluationMilliseconds)],
    ["  facts (SQL)", seconds(report.phasesMilliseconds.facts)],
    ["  engines + explanations", seconds(report.phasesMilliseconds.engine)],
    ["  writes (SQL)", seconds(report.phasesMilliseconds.writes)],
    ["bare json-rules-engine, same facts", seconds(report.bareEngineMilliseconds.total)],
    [
      "  tiering / retention / service",
      [report.bareEngineMilliseconds.tiering, report.bareEngineMilliseconds.retention, report.bareEngineMilliseconds.servicePriority].map(seconds).join(" / "),
    ],
    ["ratio (target < 2.0)", `${report.ratioToBareEngine.toFixed(2)} ${report.targetMet ? "met" : "NOT met"}`],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(36)} ${value}`);
}
