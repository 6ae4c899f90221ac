import { EntityManager } from "typeorm";
import { TicketFacts } from "./fact-catalogue";

export interface TicketWithFacts {
  accountId: string;
  openedAt: Date;
  facts: TicketFacts;
}

/** The ticket's own facts for a batch of tickets, as of a moment, in one statement. */
export async function computeTicketFacts(manager: EntityManager, ticketIds: readonly string[], asOf: Date): Promise<Map<string, TicketWithFacts>> {
  if (ticketIds.length === 0) return new Map();
  const rows: { id: string; account_id: string; opened_at: Date; category: string; severity: string; channel: string; hours_open: number }[] =
    await manager.query(
      `SELECT id, account_id, opened_at, category, severity, channel,
         greatest(0, round((extract(epoch FROM $2::timestamptz - opened_at) / 3600)::numeric, 2))::float8 AS hours_open
       FROM tickets WHERE id = ANY($1::uuid[])`,
      [ticketIds, asOf],
    );
  return new Map(
    rows.map((row) => [
      row.id,
      { accountId: row.account_id, openedAt: row.opened_at, facts: { category: row.category, severity: row.severity, channel: row.channel, hoursOpen: row.hours_open } },
    ]),
  );
}

/** The open (or pending) tickets of a batch of accounts: the ones whose priority is still running. */
export async function findOpenTicketIdsOfAccounts(manager: EntityManager, accountIds: readonly string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    "SELECT id FROM tickets WHERE account_id = ANY($1::uuid[]) AND status IN ('open', 'pending')",
    [accountIds],
  );
  return rows.map((row) => row.id);
}
