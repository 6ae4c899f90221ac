import { PolicyFamily, policyFamilies } from "./rule-files/rule-file";
import { describeProblem } from "./rule-files/rule-problem";
import { loadTestedRuleSet, TestedRuleSet } from "./rule-set-loading";
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
 * Holds the rule set a process serves and swaps it whole when another goes into service (requests keep
 * the set they started with), with the problems its rules folder has, per family.
 */
export class PolicyRegistry {
  private lastErrors = new Map<PolicyFamily, { message: string; at: Date }>();

  private constructor(
    readonly rulesDirectory: string,
    private ruleSet: RuleSet,
  ) {}

  /** Loads the folder; fails when there is no good set to start with. */
  static async open(rulesDirectory: string): Promise<PolicyRegistry> {
    const tested = await loadTestedRuleSet(rulesDirectory);
    if (!tested.ruleSet) throw new RuleSetUnavailableError(tested.problems.map(describeProblem).join("\n"));
    return new PolicyRegistry(rulesDirectory, tested.ruleSet);
  }

  /** Serves a set that did not come from the folder (the version in service in PostgreSQL). */
  static serving(rulesDirectory: string, ruleSet: RuleSet): PolicyRegistry {
    return new PolicyRegistry(rulesDirectory, ruleSet);
  }

  /** The set a request or a run should use from start to end. */
  current(): RuleSet {
    return this.ruleSet;
  }

  /** Keeps the problems of each family the folder's check failed, and forgets those of the families it passed. */
  recordFolderCheck(tested: Pick<TestedRuleSet, "problems" | "failingFamilies">): void {
    const at = new Date();
    for (const family of policyFamilies) {
      if (!tested.failingFamilies.has(family)) {
        this.lastErrors.delete(family);
        continue;
      }
      const ofFamily = tested.problems.filter((problem) => problem.file.endsWith(`/${family}.json`));
      this.lastErrors.set(family, { message: (ofFamily.length > 0 ? ofFamily : tested.problems).map(describeProblem).join("\n"), at });
    }
  }

  /** Serves the set put in service (a publication, a rollback): requests that began on the earlier one finish on it. */
  adopt(ruleSet: RuleSet): void {
    this.ruleSet = ruleSet;
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
