import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DataSource } from "typeorm";
import { createApiKey, revokeApiKey } from "../access/api-keys";
import { Role } from "../access/roles";
import { appendEvents } from "../events/domain-events";

/** The accounts the fan-out's events are about, and a key for staff and for each partner. */
export interface FanoutCast {
  internalKey: string;
  /** Our own account (no partner): its events reach staff only. */
  directAccountId: string;
  partners: Array<{ partnerId: string; accountId: string; key: string }>;
  /** Revokes the keys; the rows stay, named after the run. */
  revoke(): Promise<void>;
}

/** An event appended through the outbox, and when its transaction's commit returned (performance.now()). */
export interface CommittedEvent {
  id: string;
  /** The partner whose account it is about; null for our own account's. */
  partnerId: string | null;
  committedAt: number;
}

/**
 * Partners with one account each and our own account, written directly (prospects, without assessments:
 * the subscription asks nothing of them), plus the keys. Made after the server started, so that its
 * start-up re-evaluation does not take them in and add policy events to the measurement.
 */
export async function createFanoutCast(dataSource: DataSource, partnerCount: number, label: string): Promise<FanoutCast> {
  const expiresAt = new Date(Date.now() + 6 * 3_600_000);
  const internal = await createApiKey(dataSource.manager, { name: label, role: Role.INTERNAL, partnerId: null, expiresAt });
  const keyIds = [internal.id];
  const directAccountId = await createAccount(dataSource, null, `${label} direct`);
  const partners: FanoutCast["partners"] = [];
  for (let index = 1; index <= partnerCount; index++) {
    const [{ id: partnerId }]: { id: string }[] = await dataSource.query(`INSERT INTO partners (name, kind) VALUES ($1, 'reseller') RETURNING id`, [
      `${label} partner ${index}`,
    ]);
    const accountId = await createAccount(dataSource, partnerId, `${label} partner ${index}`);
    const key = await createApiKey(dataSource.manager, { name: `${label} partner ${index}`, role: Role.PARTNER, partnerId, expiresAt });
    keyIds.push(key.id);
    partners.push({ partnerId, accountId, key: key.key });
  }
  return {
    internalKey: internal.key,
    directAccountId,
    partners,
    revoke: async () => {
      for (const id of keyIds) await revokeApiKey(dataSource.manager, id);
    },
  };
}

async function createAccount(dataSource: DataSource, partnerId: string | null, name: string): Promise<string> {
  const [{ id }]: { id: string }[] = await dataSource.query(
    `INSERT INTO accounts (name, kind, industry, region, status, partner_id) VALUES ($1, 'organization', 'Benchmarks', 'europe', 'prospect', $2) RETURNING id`,
    [name, partnerId],
  );
  return id;
}

/**
 * Appends one ticket event about the account through the outbox's own statement (appendEvents), alone in
 * its transaction, as a change would; the time is taken as soon as the commit returns. The ticket is
 * made up: the subscription reads none, and the SLA relay finds none to schedule.
 */
export async function appendTimedEvent(dataSource: DataSource, account: { accountId: string; partnerId: string | null }): Promise<CommittedEvent> {
  const id = await dataSource.transaction(async (manager) => {
    await appendEvents(manager, [
      {
        type: "ticket.priorityChanged",
        occurredAt: new Date(),
        rulesVersion: null,
        accountId: account.accountId,
        subjectId: randomUUID(),
        before: { priority: "P3" },
        after: { priority: "P2" },
      },
    ]);
    const [row]: { id: string }[] = await manager.query(`SELECT currval(pg_get_serial_sequence('domain_events', 'id'))::text AS id`);
    return row.id;
  });
  return { id, partnerId: account.partnerId, committedAt: performance.now() };
}

/**
 * `count` events, one every `spacingMilliseconds` on a fixed schedule (a slow commit does not push the
 * rest back), taking the accounts in turn: ours first, then each partner's.
 */
export function appendPacedEvents(dataSource: DataSource, cast: FanoutCast, count: number, spacingMilliseconds: number): Promise<CommittedEvent[]> {
  return appendEventsInTurn(dataSource, [{ accountId: cast.directAccountId, partnerId: null }, ...cast.partners], count, spacingMilliseconds);
}

/** `count` events, each alone in its transaction, one every `spacingMilliseconds` on a fixed schedule (0: each as soon as the last committed), about the accounts in turn. */
export async function appendEventsInTurn(
  dataSource: DataSource,
  accounts: ReadonlyArray<{ accountId: string; partnerId: string | null }>,
  count: number,
  spacingMilliseconds: number,
): Promise<CommittedEvent[]> {
  const events: CommittedEvent[] = [];
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = start + index * spacingMilliseconds - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    events.push(await appendTimedEvent(dataSource, accounts[index % accounts.length]));
  }
  return events;
}
