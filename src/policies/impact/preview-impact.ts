import { DataSource } from "typeorm";
import { assessAccount, AccountPolicyOutcome, prioritizeTicket } from "../evaluation/assess";
import { gatherFacts } from "../reassessment";
import { RuleSet } from "../rule-set";
import { ImpactMatrix } from "./impact-matrix";

export interface ImpactPreview {
  tier: ImpactMatrix;
  lifecycleStage: ImpactMatrix;
  retentionRisk: ImpactMatrix;
  letGo: ImpactMatrix;
  priorityLevel: ImpactMatrix;
  lane: ImpactMatrix;
}

const batchSize = 1000;

/**
 * Evaluates every account and open ticket with the rules in service and with a draft, side by side,
 * and counts who would move where. Reads only: nothing is written.
 */
export async function previewImpact(
  dataSource: DataSource,
  current: RuleSet,
  draft: RuleSet,
  onProgress?: (done: number, total: number) => void,
): Promise<ImpactPreview> {
  const preview: ImpactPreview = {
    tier: new ImpactMatrix("tiering", "tier"),
    lifecycleStage: new ImpactMatrix("tiering", "lifecycle stage"),
    retentionRisk: new ImpactMatrix("retention-barriers", "risk"),
    letGo: new ImpactMatrix("retention-barriers", "let go"),
    priorityLevel: new ImpactMatrix("service-priority", "priority level of open tickets"),
    lane: new ImpactMatrix("service-priority", "lane of open tickets"),
  };
  const asOf = new Date();
  const [{ total }]: { total: number }[] = await dataSource.query("SELECT count(*)::int AS total FROM accounts");
  let lastId = "00000000-0000-0000-0000-000000000000";
  for (let done = 0; ;) {
    const accounts: { id: string; name: string }[] = await dataSource.query("SELECT id, name FROM accounts WHERE id > $1 ORDER BY id LIMIT $2", [
      lastId,
      batchSize,
    ]);
    if (accounts.length === 0) break;
    await compareBatch(dataSource, accounts, current, draft, asOf, preview);
    lastId = accounts[accounts.length - 1].id;
    done += accounts.length;
    onProgress?.(done, Math.max(total, done));
  }
  return preview;
}

async function compareBatch(
  dataSource: DataSource,
  accounts: { id: string; name: string }[],
  current: RuleSet,
  draft: RuleSet,
  asOf: Date,
  preview: ImpactPreview,
): Promise<void> {
  const names = new Map(accounts.map((account) => [account.id, `${account.name} (${account.id})`]));
  const gathered = await gatherFacts(
    dataSource.manager,
    accounts.map((account) => account.id),
    asOf,
  );
  const outcomes = new Map<string, { now: AccountPolicyOutcome; draft: AccountPolicyOutcome }>();
  for (const [accountId, accountFacts] of gathered.accounts) {
    const now = await assessAccount(current, accountFacts);
    const drafted = await assessAccount(draft, accountFacts);
    outcomes.set(accountId, { now, draft: drafted });
    const subject = names.get(accountId)!;
    preview.tier.add(subject, now.tiering.tier, drafted.tiering.tier);
    preview.lifecycleStage.add(subject, now.tiering.lifecycleStage, drafted.tiering.lifecycleStage);
    preview.retentionRisk.add(subject, now.retention.risk, drafted.retention.risk);
    preview.letGo.add(subject, String(now.retention.letGo), String(drafted.retention.letGo));
  }
  for (const [ticketId, ticket] of gathered.openTickets) {
    const { now, draft: drafted } = outcomes.get(ticket.accountId)!;
    const before = await prioritizeTicket(current, now.facts, ticket.facts);
    const after = await prioritizeTicket(draft, drafted.facts, ticket.facts);
    const subject = `ticket ${ticketId} of ${names.get(ticket.accountId)}`;
    preview.priorityLevel.add(subject, before.level, after.level);
    preview.lane.add(subject, before.lane, after.lane);
  }
}
