import { DataSource } from "typeorm";
import { PolicyRegistry } from "./policy-registry";
import { reevaluateAllAccounts } from "./reevaluation";
import { RuleSet } from "./rule-set";
import { RulesWatcher, watchRules } from "./rules-watcher";

export interface PolicyLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * The policy layer of a running server: the registry, the watcher on rules/, and the background
 * re-evaluation of every account that a new rule set (or a stale database) starts. A newer set stops
 * the run in progress between batches and starts its own.
 */
export class PolicyRuntime {
  private watcher?: RulesWatcher;
  private run?: { controller: AbortController; done: Promise<void> };

  private constructor(
    readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly log: PolicyLog,
  ) {}

  static async start(dataSource: DataSource, rulesDirectory: string, log: PolicyLog, options: { watch: boolean }): Promise<PolicyRuntime> {
    const runtime = new PolicyRuntime(await PolicyRegistry.open(rulesDirectory), dataSource, log);
    runtime.registry.on("changed", (ruleSet) => {
      log.info(`rules: version ${ruleSet.version} is live; re-evaluating every account`);
      runtime.reevaluate(ruleSet);
    });
    runtime.registry.on("rejected", (report) => log.error(`rules: the change was refused, the last good version keeps serving:\n${report}`));
    if (options.watch) runtime.watcher = watchRules(runtime.registry, (error) => log.error(`rules: reload failed: ${String(error)}`));
    return runtime;
  }

  /** Starts a background re-evaluation when some account has no result of the rule set in service. */
  async reevaluateIfStale(): Promise<void> {
    const ruleSet = this.registry.current();
    const [{ stale }] = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM accounts LEFT JOIN account_assessments assessment ON assessment.account_id = accounts.id
         WHERE assessment.account_id IS NULL OR assessment.rules_version <> $1) AS stale`,
      [ruleSet.version],
    );
    if (stale) this.reevaluate(ruleSet);
  }

  /** Resolves when the background run in progress (if any) has finished or stopped. */
  async idle(): Promise<void> {
    await this.run?.done;
  }

  /** Resolves once rule file changes are being watched (at once when not watching). */
  async watching(): Promise<void> {
    await this.watcher?.ready;
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.run?.controller.abort();
    await this.idle();
  }

  private reevaluate(ruleSet: RuleSet): void {
    this.run?.controller.abort();
    const previous = this.run?.done ?? Promise.resolve();
    const controller = new AbortController();
    const done = previous.then(async () => {
      if (controller.signal.aborted) return;
      try {
        const summary = await reevaluateAllAccounts(this.dataSource, ruleSet, { signal: controller.signal });
        const outcome = summary.completed ? "done" : "stopped for a newer rule set";
        this.log.info(
          `rules: re-evaluation ${outcome} (version ${ruleSet.version}): ${summary.accounts} accounts (${summary.accountsChanged} changed), ` +
            `${summary.tickets} open tickets (${summary.ticketsChanged} changed) in ${summary.milliseconds} ms`,
        );
      } catch (error) {
        this.log.error(`rules: re-evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    this.run = { controller, done };
  }
}
