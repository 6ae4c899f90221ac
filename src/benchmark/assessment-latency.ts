import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { reassessAccounts } from "../policies/reassessment";
import { RuleSet } from "../policies/rule-set";

export interface AssessmentLatency {
  samples: number;
  p50Milliseconds: number;
  p90Milliseconds: number;
}

/**
 * What placeOrder's reassessment adds to it: the account's facts, the three policies and their writes,
 * timed alone for each sampled account, inside a transaction that is then rolled back (nothing changes).
 */
export async function measureAssessmentLatency(dataSource: DataSource, ruleSet: RuleSet, accountIds: readonly string[]): Promise<AssessmentLatency> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const durations: number[] = [];
  try {
    for (const accountId of accountIds) {
      await runner.startTransaction();
      const started = performance.now();
      await reassessAccounts(runner.manager, [accountId], ruleSet);
      durations.push(performance.now() - started);
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
  durations.sort((a, b) => a - b);
  const percentile = (share: number) => durations[Math.min(durations.length - 1, Math.floor(share * durations.length))];
  return { samples: durations.length, p50Milliseconds: percentile(0.5), p90Milliseconds: percentile(0.9) };
}
