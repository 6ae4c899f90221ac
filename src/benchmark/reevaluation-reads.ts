import { DataSource } from "typeorm";
import { createApiKey, revokeApiKey } from "../access/api-keys";
import { Role } from "../access/roles";
import { Config } from "../config";
import { primaryUrl } from "../database/data-source";
import { openDatabase } from "../database/open-database";
import { entities } from "../entities";
import { startJobQueue } from "../jobs/job-queue";
import { activate, activeRuleSet } from "../policies/publication/rule-set-publication";
import { reevaluationProgress } from "../policies/publication/reevaluation-jobs";
import { compileRuleSet } from "../policies/rule-set";
import { DataSetSeeder, DataSetSummary, ensureDataSet } from "./bench-data-set";
import { RunHeader, startRunHeader } from "./run-header";
import { startServerProcess } from "./server-process";
import { LatencyFigures, readWhile } from "./timed-reads";
import { withThresholdRaised } from "./threshold-change";

export interface ReevaluationReadsOptions {
  accounts: number;
  /** Clients reading at once, each sending its next read when the last is answered. */
  clients: number;
  baselineSeconds: number;
  machine: string;
  output: string | undefined;
  notes: string | undefined;
  commandLine: string;
  seeder: DataSetSeeder;
}

export interface ReevaluationReadsReport extends RunHeader {
  dataSet: DataSetSummary;
  settings: { clients: number; warmupSeconds: number; baselineSeconds: number; read: string };
  /** The read with no re-evaluation under way. */
  baseline: LatencyFigures;
  /** The same read while the server re-evaluates every account with the changed rules. */
  duringReevaluation: LatencyFigures;
  reevaluation: { rulesVersion: string; change: string; accounts: number; batches: number; seconds: number };
}

/** An accounts page with what the policies decided: what an analyst's screen reads while the rules change. */
const accountsPage = `query AccountsWithAssessments {
  accounts(first: 50) { nodes { id name status assessment { tier lifecycleStage } retention { risk riskScore } } }
}`;

const sharedMachine =
  "Server, PostgreSQL and the reading clients share the machine's cores; the server's own job worker re-evaluates (one process, as a lone server would).";

/** Reads before the baseline, not recorded. */
const warmupSeconds = 5;

/** How long the re-evaluation may take before the run gives up. */
const reevaluationTimeoutMilliseconds = 240_000;

/**
 * Reads during a full re-evaluation, on PostgreSQL (`databaseUrl`): seeds the data set when the database is
 * empty, starts the compiled server, times a read for a while, then publishes a threshold change (its own
 * activation, as an analyst's publication would) and times the same read until every account is re-evaluated.
 */
export async function runReevaluationReadsBenchmark(
  config: Config,
  databaseUrl: string,
  options: ReevaluationReadsOptions,
): Promise<{ report: ReevaluationReadsReport; output: string }> {
  const header = startRunHeader();
  const database = await openDatabase(config, { entities, applicationName: "customer-graph-bench-reevaluation-reads", poolSize: 2 });
  const { dataSource } = database;
  try {
    const dataSet = await ensureDataSet(dataSource, databaseUrl, { accounts: options.accounts, seed: 1, reset: false, seeder: options.seeder });
    const key = await createApiKey(dataSource.manager, { name: "bench reads during re-evaluation", role: Role.INTERNAL, partnerId: null, expiresAt: null });
    const server = await startServerProcess(databaseUrl);
    try {
      await waitForReevaluations(dataSource, config);
      const read = { url: server.url, apiKey: key.key, body: JSON.stringify({ query: accountsPage }), clients: options.clients };
      // Not recorded: the server's first requests compile its code and fill its pools.
      const warmupEnd = Date.now() + warmupSeconds * 1000;
      await readWhile(read, async () => Date.now() < warmupEnd);
      console.log(`Reading for ${options.baselineSeconds} s with no re-evaluation…`);
      const baselineEnd = Date.now() + options.baselineSeconds * 1000;
      const baseline = await readWhile(read, async () => Date.now() < baselineEnd);
      const { activationId, rulesVersion, change } = await publishThresholdChange(dataSource, config);
      console.log(`Published ${change} (version ${rulesVersion}); reading until every account is re-evaluated…`);
      const started = Date.now();
      const underWay = async () => (await progressOf(dataSource, config, activationId)).open > 0 && Date.now() - started < reevaluationTimeoutMilliseconds;
      const duringReevaluation = await readWhile(read, underWay);
      const seconds = (Date.now() - started) / 1000;
      const progress = await progressOf(dataSource, config, activationId);
      if (progress.open > 0) throw new Error(`The re-evaluation did not finish within ${reevaluationTimeoutMilliseconds / 1000} s`);
      const { machine, output, notes, commandLine, clients, baselineSeconds } = options;
      const report: ReevaluationReadsReport = {
        ...(await header.finish({ commandLine, machine, notes: [notes ?? "", sharedMachine], dataSource })),
        dataSet,
        settings: { clients, warmupSeconds, baselineSeconds, read: accountsPage.replace(/\s+/g, " ") },
        baseline,
        duringReevaluation,
        reevaluation: { rulesVersion, change, accounts: progress.evaluated, batches: progress.batches, seconds },
      };
      return { report, output: output ?? `bench-results/reevaluation-reads-${header.startedAt.toISOString().slice(0, 10)}-${machine}.json` };
    } finally {
      await server.stop();
      await revokeApiKey(dataSource.manager, key.id);
    }
  } finally {
    await database.close();
  }
}

/** Publishes the version in service with a tiering threshold raised, as an analyst's change would be published. */
async function publishThresholdChange(dataSource: DataSource, config: Config): Promise<{ activationId: number; rulesVersion: string; change: string }> {
  const active = await activeRuleSet(dataSource.manager);
  if (!active) throw new Error("No rule set is in service: the server publishes its rules folder when it starts");
  const { sources, change } = withThresholdRaised(active.sources);
  const compiled = compileRuleSet(sources);
  if (!compiled.loaded) throw new Error(`The changed rules do not compile: ${compiled.problems.map((problem) => problem.message).join("; ")}`);
  const queue = await startJobQueue(primaryUrl(dataSource), config.jobQueue, "producer", (error) => console.error(error.message));
  try {
    const activationId = await activate(
      dataSource,
      { version: compiled.ruleSet.version, sources, tests: active.tests },
      { reason: "published", by: "npm run bench:policies -- --reads-during-reevaluation", comment: change },
      queue,
    );
    if (activationId === undefined) throw new Error(`Version ${compiled.ruleSet.version} is in service already`);
    return { activationId, rulesVersion: compiled.ruleSet.version, change };
  } finally {
    await queue.stop(5_000);
  }
}

function progressOf(dataSource: DataSource, config: Config, activationId: number) {
  return reevaluationProgress(config.jobQueue.schema, dataSource, activationId);
}

/** Waits until no re-evaluation is under way (a server that starts on a new folder publishes it and re-evaluates). */
async function waitForReevaluations(dataSource: DataSource, config: Config): Promise<void> {
  const deadline = Date.now() + reevaluationTimeoutMilliseconds;
  for (;;) {
    const [{ open }]: { open: number }[] = await dataSource.query(
      `SELECT count(*)::int AS open FROM ${config.jobQueue.schema}.job WHERE name = 'reevaluate-accounts' AND state < 'completed'`,
    );
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error("A re-evaluation under way before the measurement did not finish");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
