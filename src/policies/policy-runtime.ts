import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { PolicyRegistry } from "./policy-registry";
import { workOnBatches } from "./publication/batch-worker";
import { activate, activeRuleSet, Activation, hasOpenBatches, isPublished } from "./publication/rule-set-publication";
import { compileRuleSet, RuleSet } from "./rule-set";
import { RulesWatcher, watchRules } from "./rules-watcher";
import { primaryUrl } from "../database/data-source";
import { ActivationListener, listenForActivations } from "./publication/activation-listener";

export interface PolicyLog {
  info(message: string): void;
  error(message: string): void;
}

export interface PolicyRuntimeOptions {
  watch: boolean;
  /** How often the process looks for an activation published elsewhere (a notification may have been missed). */
  followMilliseconds?: number;
  /** LISTEN for activations (PostgreSQL; the embedded database serves one process): a switch within milliseconds, not a second. */
  listen?: boolean;
}

/**
 * The policy layer of a running server, one of a group on one PostgreSQL: a valid change of its rules
 * folder is published there (src/policies/publication), every process follows the activation in
 * service within a second, and works through the re-evaluation it starts together with the others,
 * batch by batch. A newer activation stops the work on an older one between batches.
 */
export class PolicyRuntime {
  /** Names this process in claimed batches and activations. */
  readonly name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private watcher?: RulesWatcher;
  private follower?: NodeJS.Timeout;
  private listener?: ActivationListener;
  private following: Promise<void> = Promise.resolve();
  private work?: { activationId: number; controller: AbortController; done: Promise<void> };
  /** The set read from this process's rules folder. */
  private filesRuleSet: RuleSet;
  /** A change of the folder not yet put in service (kept until the database takes it). */
  private pendingPublication?: RuleSet;

  private constructor(
    readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly log: PolicyLog,
  ) {
    this.filesRuleSet = registry.current();
  }

  static async start(dataSource: DataSource, rulesDirectory: string, log: PolicyLog, options: PolicyRuntimeOptions): Promise<PolicyRuntime> {
    const runtime = new PolicyRuntime(await PolicyRegistry.open(rulesDirectory), dataSource, log);
    runtime.registry.on("changed", (ruleSet) => {
      runtime.filesRuleSet = ruleSet;
      runtime.pendingPublication = ruleSet;
      log.info(`rules: version ${ruleSet.version} read from the rules folder; publishing it`);
      runtime.follow();
    });
    runtime.registry.on("rejected", (report) => log.error(`rules: the change was refused, the last good version keeps serving:\n${report}`));
    // At start, the folder's version only if it was never published, so that a restart does not undo a rollback.
    if (!(await isPublished(dataSource.manager, runtime.filesRuleSet.version))) runtime.pendingPublication = runtime.filesRuleSet;
    runtime.follow();
    await runtime.following;
    runtime.follower = setInterval(() => runtime.follow(), options.followMilliseconds ?? 1_000);
    runtime.follower.unref();
    if (options.listen) {
      runtime.listener = listenForActivations(
        primaryUrl(dataSource),
        () => runtime.follow(),
        (error) => log.error(`rules: listening for activations: ${String(error)}`),
      );
    }
    if (options.watch) runtime.watcher = watchRules(runtime.registry, (error) => log.error(`rules: reload failed: ${String(error)}`));
    return runtime;
  }

  /** Starts a re-evaluation for the group when some account has no result of the version in service and none is under way. */
  async reevaluateIfStale(): Promise<void> {
    await this.following;
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active || (await hasOpenBatches(this.dataSource.manager, active.id))) return;
    const [{ stale }]: { stale: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM accounts LEFT JOIN account_assessments assessment ON assessment.account_id = accounts.id
         WHERE assessment.account_id IS NULL OR assessment.rules_version <> $1) AS stale`,
      [active.version],
    );
    if (stale) await activate(this.dataSource, { version: active.version, sources: active.sources }, "stale", this.name);
    this.follow();
    await this.following;
  }

  /** Resolves when this process has followed the latest activation and finished its share of the work. */
  async idle(): Promise<void> {
    await this.following;
    await this.work?.done;
  }

  /** Resolves once rule file changes are being watched (at once when not watching). */
  async watching(): Promise<void> {
    await this.watcher?.ready;
  }

  async close(): Promise<void> {
    clearInterval(this.follower);
    await this.listener?.close();
    await this.watcher?.close();
    await this.following;
    this.work?.controller.abort();
    await this.work?.done;
  }

  /** One step at a time: publish the folder's version if it is new, adopt the version in service, work on its batches. */
  private follow(): void {
    this.following = this.following.then(() =>
      this.followOnce().catch((error: unknown) =>
        this.log.error(`rules: following the published rule set failed: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  }

  /** A change seen in the folder goes into service (also a return to an earlier content); then the group's version is followed. */
  private async followOnce(): Promise<void> {
    const pending = this.pendingPublication;
    if (pending) {
      await activate(this.dataSource, pending, "published", this.name);
      if (this.pendingPublication === pending) this.pendingPublication = undefined;
    }
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active) return;
    if (active.version !== this.registry.current().version) this.adopt(active);
    // Results are written under the version in service only: a version that did not compile here is left to the others.
    const serving = this.registry.current();
    if (serving.version === active.version && this.work?.activationId !== active.id) this.startWork(active.id, serving);
  }

  private adopt(active: Activation): void {
    if (active.version === this.filesRuleSet.version) return this.registry.adopt(this.filesRuleSet);
    const compiled = compileRuleSet(active.sources);
    if (!compiled.loaded) {
      this.log.error(`rules: version ${active.version} in service does not compile here; version ${this.registry.current().version} keeps serving`);
      return;
    }
    this.log.info(`rules: version ${active.version} is in service (published by the group); adopting it`);
    this.registry.adopt(compiled.ruleSet);
  }

  private startWork(activationId: number, ruleSet: RuleSet): void {
    this.work?.controller.abort();
    const previous = this.work?.done ?? Promise.resolve();
    const controller = new AbortController();
    const done = previous.then(async () => {
      try {
        const summary = await workOnBatches(this.dataSource, activationId, ruleSet, this.name, controller.signal);
        if (summary.batches === 0) return;
        const outcome = controller.signal.aborted ? "stopped for a newer rule set" : "done";
        this.log.info(
          `rules: re-evaluation ${outcome} (version ${ruleSet.version}): this process took ${summary.batches} batches, ${summary.accounts} accounts ` +
            `(${summary.accountsChanged} changed), ${summary.tickets} open tickets (${summary.ticketsChanged} changed)`,
        );
      } catch (error) {
        this.log.error(`rules: re-evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    this.work = { activationId, controller, done };
  }
}
