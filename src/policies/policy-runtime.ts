import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { PolicyRegistry, RuleSetUnavailableError } from "./policy-registry";
import { activate, activeRuleSet, Activation } from "./publication/rule-set-publication";
import { checkRulesFolder, CheckedFolder, folderActor, publishRulesFolder, saveFolderDraft, standingOf } from "./publication/rules-folder";
import { describeProblem } from "./rule-files/rule-problem";
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
 * The policy layer of a running server, one of a group on one PostgreSQL, whose published versions are
 * the truth: every process serves the activation in service (following a new one within a second) and
 * works through the re-evaluation it starts together with the others, job by job
 * (src/policies/publication/reevaluation-jobs.ts); a newer activation stops the work on an older one
 * between batches. The rules folder only proposes: its valid change becomes a draft (published from the
 * workbench or with npm run rules:publish); it is published by itself only to a database that has no
 * version yet.
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

  private constructor(
    readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly log: PolicyLog,
    private readonly queue: JobQueue,
  ) {}

  static async start(dataSource: DataSource, rulesDirectory: string, log: PolicyLog, options: PolicyRuntimeOptions): Promise<PolicyRuntime> {
    const folder = await checkRulesFolder(rulesDirectory);
    const serving = await ruleSetToStartWith(dataSource, rulesDirectory, folder, log, options.queue);
    const runtime = new PolicyRuntime(PolicyRegistry.serving(rulesDirectory, serving), dataSource, log, options.queue);
    runtime.registry.recordFolderCheck(folder.tested);
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
    if (options.watch) {
      runtime.watcher = watchRules(
        rulesDirectory,
        () => runtime.folderChanged(),
        (error) => log.error(`rules: reading the rules folder failed: ${String(error)}`),
      );
    }
    return runtime;
  }

  /** A change of the folder: its problems are reported per family; a valid change becomes the folder's draft. */
  private async folderChanged(): Promise<void> {
    const folder = await checkRulesFolder(this.registry.rulesDirectory);
    this.registry.recordFolderCheck(folder.tested);
    if (!folder.tested.ruleSet) {
      this.log.error(`rules: the rules folder has problems; the version in service keeps serving:\n${folder.tested.problems.map(describeProblem).join("\n")}`);
      return;
    }
    const active = await activeRuleSet(this.dataSource.manager);
    if (!active || (await standingOf(this.dataSource, folder, active)) !== "a new change") return;
    const draftId = await saveFolderDraft(this.dataSource, this.registry.rulesDirectory, folder, active);
    this.log.info(`rules: the rules folder's change is saved as rule draft ${draftId}; publish it from the workbench (/rules) or with npm run rules:publish`);
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
    if (stale) await activate(this.dataSource, active, { reason: "stale", by: this.name, comment: "results missing for the version in service" }, this.queue);
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

  /** Serves the version in service when it is not the one served here, and takes its re-evaluation jobs. */
  private async followOnce(): Promise<void> {
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
    const compiled = compileRuleSet(active.sources);
    if (!compiled.loaded) {
      this.log.error(`rules: version ${active.version} in service does not compile here; version ${this.registry.current().version} keeps serving`);
      return;
    }
    this.log.info(`rules: version ${active.version} is in service (published by the group); adopting it`);
    this.registry.adopt(compiled.ruleSet);
  }
}

/**
 * The version a starting process serves: the one in service in PostgreSQL, whatever the folder holds
 * (invalid, older, or a change not published: then saved as a draft), each case said in the log. A
 * database without a version takes the folder's, which must then be good.
 */
async function ruleSetToStartWith(dataSource: DataSource, rulesDirectory: string, folder: CheckedFolder, log: PolicyLog, queue: JobQueue): Promise<RuleSet> {
  const active = await activeRuleSet(dataSource.manager);
  const folderSet = folder.tested.ruleSet;
  const report = folder.tested.problems.map(describeProblem).join("\n");
  if (!active) {
    if (!folderSet) throw new RuleSetUnavailableError(report);
    const comment = "the rules folder, published as the first version when the first server started";
    await publishRulesFolder(dataSource, folder, { actor: folderActor(rulesDirectory), comment }, queue);
    return folderSet;
  }
  const compiled = compileRuleSet(active.sources);
  if (!compiled.loaded) {
    if (!folderSet) throw new RuleSetUnavailableError(report);
    log.error(`rules: version ${active.version} in service does not compile here; the rules folder's version ${folderSet.version} serves this process`);
    return folderSet;
  }
  if (!folderSet) {
    log.error(`rules: the rules folder has problems; version ${active.version}, in service in the database, serves:\n${report}`);
    return compiled.ruleSet;
  }
  // Versions published before the workbench kept no cases: the folder's, when its rules are those in service.
  if (active.tests === null && folderSet.version === active.version) {
    await dataSource.query(`UPDATE rule_set_activations SET tests = $2 WHERE id = $1 AND tests IS NULL`, [active.id, folder.sources.tests]);
  }
  const standing = await standingOf(dataSource, folder, active);
  if (standing === "published before") {
    log.info(
      `rules: the rules folder holds version ${folderSet.version}, published before; version ${active.version} is in service and serves (npm run rules:pull writes it to the folder)`,
    );
  } else if (standing === "a new change") {
    const draftId = await saveFolderDraft(dataSource, rulesDirectory, folder, active);
    log.info(
      `rules: the rules folder differs from version ${active.version} in service: saved as rule draft ${draftId}; version ${active.version} serves until it is published`,
    );
  }
  return compiled.ruleSet;
}
