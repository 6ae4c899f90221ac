import { DataScope } from "../../access/data-scope";

export interface TierTotals {
  tier: string;
  accounts: number;
  revenueCents: number;
}

/** Every declared tier (best first, zero when empty), then any tier an older rule set left behind. */
export async function tierDistribution(scope: DataScope, tiers: readonly string[]): Promise<TierTotals[]> {
  const parameters: unknown[] = [];
  const visible = scope.accountCondition("account_id", parameters);
  const rows: TierTotals[] = await scope.read((manager) =>
    manager.query(
      `SELECT tier, count(*)::int AS accounts, round(sum(revenue_12m_usd) * 100)::bigint AS "revenueCents"
       FROM account_assessments WHERE ${visible} GROUP BY tier`,
      parameters,
    ),
  );
  const byTier = new Map(rows.map((row) => [row.tier, row]));
  const declared = tiers.map((tier) => byTier.get(tier) ?? { tier, accounts: 0, revenueCents: 0 });
  return [...declared, ...rows.filter((row) => !tiers.includes(row.tier))];
}
