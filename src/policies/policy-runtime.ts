import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { PolicyRegistry } from "./policy-registry";
import { activate, activeRuleSet, Activation, isPublished } from "./publication/rule-set-publication";
import { RuleSetForActivation, workOnReevaluations } from "./publication/reevaluation-jobs";
import { JobQueue } from "../jobs/job-queue";
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
  /** Where re-evaluations are queued and taken from. */
  queue: JobQueue;
}

/**
 * The policy layer of a running server, one of a group on one PostgreSQL: a valid change of its rules
 * folder is published there (src/policies/publication), every process follows the activation in
 * service within a second, and works through the re-evaluation it starts together with the others,
 * job by job (src/policies/publication/reevaluation-jobs.ts). A newer activation stops the work on an
 * older one between batches.
 */
export class PolicyRuntime {
  /** Names this process in finished jobs and activations. */
  readonly name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private watcher?: RulesWatcher;
  private follower?: NodeJS.Timeout;
  private listener?: ActivationListener;
  private following: Promise<void> = Promise.resolve();
  /** The activation this process serves, and what stops its re-evaluation when a newer one arrives or the process stops. */
  private serving?: { activationId: number; controller: AbortController };
  private workerId?: string;
  /** The set read from this process's rules folder. */
  private filesRuleSet: RuleSet;
  /** A change of the folder not yet put in service (kept until the database takes it). */
  private pendingPublication?: RuleSet;

  private constructor(
    readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly log: PolicyLog,
    private readonly queue: JobQueue,
  ) {
    this.filesRuleSet = registry.current();
  }

  static async start(dataSource: DataSource, rulesDirectory: string, log: PolicyLog, options: PolicyRuntimeOptions): Promise<PolicyRuntime> {
    const runtime = new PolicyRuntime(await PolicyRegistry.open(rulesDirectory), dataSource, log, options.queue);
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
    runtime.workerId = await workOnReevaluations(options.queue, dataSource, runtime.ruleSetFor, runtime.name, (summary) =>
      log.info(
        `rules: re-evaluation done (version ${summary.rulesVersion}): this process took ${summary.batches} batches, ${summary.accounts} accounts ` +
          `(${summary.accountsChanged} changed), ${summary.tickets} open tickets (${summary.ticketsChanged} changed)`,
      ),
    );
    if (options.watch) runtime.watcher = watchRules(runtime.registry, (error) => log.error(`rules: reload failed: ${String(error)}`));
    return runtime;
  }

  /** Starts a re-evaluation for the group when some account has no result of the version in service and none is under way. */
  async reevaluateIfStale(): Promise<void> {
    await this.following;
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active || (await this.queue.unfinished("reevaluate-accounts")) > 0) return;
    const [{ stale }]: { stale: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM accounts LEFT JOIN account_assessments assessment ON assessment.account_id = accounts.id
         WHERE assessment.account_id IS NULL OR assessment.rules_version <> $1) AS stale`,
      [active.version],
    );
    if (stale) await activate(this.dataSource, { version: active.version, sources: active.sources }, "stale", this.name, this.queue);
    this.follow();
    await this.following;
  }

  /** Resolves when this process has followed the latest activation and the group has finished its re-evaluation. */
  async idle(): Promise<void> {
    await this.following;
    while ((await this.queue.unfinished("reevaluate-accounts")) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
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
    this.serving?.controller.abort();
    if (this.workerId) await this.queue.stopWorking(this.workerId);
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
      await activate(this.dataSource, pending, "published", this.name, this.queue);
      if (this.pendingPublication === pending) this.pendingPublication = undefined;
    }
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active) return;
    if (active.version !== this.registry.current().version) this.adopt(active);
    if (this.serving?.activationId !== active.id) {
      this.serving?.controller.abort();
      this.serving = { activationId: active.id, controller: new AbortController() };
      // Its jobs are queued: this process takes its share at once, not at its next poll.
      if (this.workerId) this.queue.wake(this.workerId);
    }
  }

  /**
   * The rule set for an activation's jobs: the one in service when the activation is (results are
   * written under the version in service only: a version that did not compile here is left to the others).
   */
  private readonly ruleSetFor: RuleSetForActivation = async (activationId) => {
    // An activation this process has not followed yet (its notification still on its way): follow it first.
    if (this.serving?.activationId !== activationId) {
      this.follow();
      await this.following;
    }
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active || active.id !== activationId) return active && active.id > activationId ? "superseded" : undefined;
    const serving = this.registry.current();
    if (serving.version !== active.version || this.serving?.activationId !== active.id) return undefined;
    return { ruleSet: serving, signal: this.serving.controller.signal };
  };

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
}
