import { EventEmitter } from "node:events";
import { PolicyFamily, policyFamilies } from "./rule-files/rule-file";
import { describeProblem } from "./rule-files/rule-problem";
import { loadTestedRuleSet } from "./rule-set-loading";
import { RuleSet } from "./rule-set";

export interface RuleSetStatus {
  family: PolicyFamily;
  version: string;
  loadedAt: Date;
  ruleCount: number;
  /** Why the latest edit of this family's file was refused; null once a good version loads. */
  lastError: string | null;
  lastErrorAt: Date | null;
}

export class RuleSetUnavailableError extends Error {
  constructor(readonly report: string) {
    super(`The rule files are not valid, so the server cannot start:\n${report}`);
    this.name = "RuleSetUnavailableError";
  }
}

/**
 * Holds the rule set in service and swaps it whole when a reload is good; a bad reload keeps the
 * last good set and records the error per family. Emits "changed" with the new set after a swap.
 */
export class PolicyRegistry extends EventEmitter<{ changed: [RuleSet]; rejected: [string]; adopted: [RuleSet] }> {
  private lastErrors = new Map<PolicyFamily, { message: string; at: Date }>();

  private constructor(
    readonly rulesDirectory: string,
    private ruleSet: RuleSet,
  ) {
    super();
  }

  /** Loads the folder; fails when there is no good set to start with. */
  static async open(rulesDirectory: string): Promise<PolicyRegistry> {
    const tested = await loadTestedRuleSet(rulesDirectory);
    if (!tested.ruleSet) throw new RuleSetUnavailableError(tested.problems.map(describeProblem).join("\n"));
    return new PolicyRegistry(rulesDirectory, tested.ruleSet);
  }

  /** The set a request or a run should use from start to end. */
  current(): RuleSet {
    return this.ruleSet;
  }

  /** Re-reads the folder; returns the new set when it was swapped in, undefined when unchanged or refused. */
  async reload(): Promise<RuleSet | undefined> {
    const tested = await loadTestedRuleSet(this.rulesDirectory);
    if (!tested.ruleSet) {
      const at = new Date();
      for (const family of tested.failingFamilies) {
        const message = tested.problems
          .filter((problem) => problem.file.includes(family))
          .map(describeProblem)
          .join("\n");
        this.lastErrors.set(family, { message: message || tested.problems.map(describeProblem).join("\n"), at });
      }
      this.emit("rejected", tested.problems.map(describeProblem).join("\n"));
      return undefined;
    }
    this.lastErrors.clear();
    if (tested.ruleSet.version === this.ruleSet.version) return undefined;
    this.ruleSet = tested.ruleSet;
    this.emit("changed", tested.ruleSet);
    return tested.ruleSet;
  }

  /** Serves a set put in service elsewhere (another process's file change, a rollback), without announcing it as this folder's change. */
  adopt(ruleSet: RuleSet): void {
    this.ruleSet = ruleSet;
    this.emit("adopted", ruleSet);
  }

  status(): RuleSetStatus[] {
    return policyFamilies.map((family) => ({
      family,
      version: this.ruleSet.version,
      loadedAt: this.ruleSet.loadedAt,
      ruleCount: this.ruleSet.files[family].rules.length,
      lastError: this.lastErrors.get(family)?.message ?? null,
      lastErrorAt: this.lastErrors.get(family)?.at ?? null,
    }));
  }
}
