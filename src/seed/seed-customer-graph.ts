import { DataSource } from "typeorm";
import { AccountBatch, batchTablesInInsertOrder, createAccountBatch, generateAccount } from "./account-batch";
import { accountManagersTable, partnersTable } from "./customer-graph-tables";
import { generateReferenceData, ReferenceData } from "./reference-data";
import { createSeededFaker, SeededRandom } from "./seeded-random";
import { startOfUtcDay } from "./seed-time";
import { InsertableBatch, TableBatch } from "./table-batch";

export interface SeedProgress {
  accountsDone: number;
  accountsTotal: number;
}

export interface SeedOptions {
  accounts: number;
  /** Same seed and reference date, same rows, ids included. Default 1. */
  seed?: number;
  /** "Now" for the generated history; every date is relative to it. Default: the start of today, UTC. */
  referenceDate?: Date;
  /** Called after each committed batch. */
  onProgress?: (progress: SeedProgress) => void;
  /** Stops between batches; the batches already committed stay. */
  signal?: AbortSignal;
}

/** Rows inserted per table. */
export interface SeedSummary {
  accountManagers: number;
  partners: number;
  accounts: number;
  contacts: number;
  orders: number;
  orderLines: number;
  tickets: number;
}

/** Thrown when the signal stops the seed: says how far it got, since committed batches stay. */
export class SeedInterruptedError extends Error {
  constructor(readonly summary: SeedSummary) {
    super(`The seed was interrupted after ${summary.accounts.toLocaleString("en")} accounts (their rows are committed)`);
  }
}

export const defaultSeed = 1;

/** About 20,000 orders and 50,000 order lines per batch: big statements, flat memory. */
const accountsPerBatch = 1_000;
/** Generation hands the event loop back this often, so that the batch being inserted keeps moving. */
const accountsBetweenYields = 100;
/** One batch inserts while the next is generated (and a second may still be committing). */
const batchesInFlight = 2;

/**
 * Fills the customer graph with `accounts` realistic accounts and their contacts, orders and tickets,
 * deterministically from the seed. Inserts batch by batch, each in its own transaction, one
 * `INSERT ... SELECT FROM unnest(...)` per table; expects the tables to hold none of this seed's ids.
 */
export async function seedCustomerGraph(dataSource: DataSource, options: SeedOptions): Promise<SeedSummary> {
  const { accounts, onProgress, signal } = options;
  if (!Number.isSafeInteger(accounts) || accounts < 1) throw new RangeError(`accounts must be a positive integer, got ${accounts}`);
  const reference = (options.referenceDate ?? new Date(startOfUtcDay(Date.now()))).getTime();
  const random = new SeededRandom(createSeededFaker(options.seed ?? defaultSeed));
  const referenceData = generateReferenceData(random, accounts, reference);
  const summary = await insertReferenceData(dataSource, referenceData);

  const inFlight: Promise<void>[] = [];
  try {
    for (let generated = 0; generated < accounts;) {
      if (signal?.aborted) throw new SeedInterruptedError(summary);
      const size = Math.min(accountsPerBatch, accounts - generated);
      const batch = await generateBatch(random, referenceData, reference, size);
      generated += size;
      while (inFlight.length >= batchesInFlight) await inFlight.shift();
      // The wait may have seen the stop: start no further batch after it.
      if (signal?.aborted) throw new SeedInterruptedError(summary);
      const insertion = insertInTransaction(dataSource, batchTablesInInsertOrder(batch)).then(() => {
        addBatchToSummary(summary, batch);
        onProgress?.({ accountsDone: summary.accounts, accountsTotal: accounts });
      });
      // Awaited in turn above or below; this only keeps Node from calling a failure unhandled meanwhile.
      insertion.catch(() => undefined);
      inFlight.push(insertion);
    }
    await Promise.all(inFlight);
  } catch (error) {
    // Let the other batch finish before the caller closes the database under it.
    await Promise.allSettled(inFlight);
    throw error instanceof SeedInterruptedError ? new SeedInterruptedError(summary) : error;
  }
  return summary;
}

async function generateBatch(random: SeededRandom, referenceData: ReferenceData, reference: number, size: number): Promise<AccountBatch> {
  const batch = createAccountBatch();
  for (let index = 0; index < size; index += 1) {
    if (index > 0 && index % accountsBetweenYields === 0) await new Promise((resolve) => setImmediate(resolve));
    generateAccount(random, referenceData, reference, batch);
  }
  return batch;
}

async function insertReferenceData(dataSource: DataSource, referenceData: ReferenceData): Promise<SeedSummary> {
  const managers = new TableBatch(accountManagersTable);
  referenceData.accountManagers.forEach((manager) => managers.add(manager));
  const partners = new TableBatch(partnersTable);
  referenceData.partners.forEach((partner) => partners.add(partner));
  await insertInTransaction(dataSource, [managers, partners]);
  return { accountManagers: managers.rowCount, partners: partners.rowCount, accounts: 0, contacts: 0, orders: 0, orderLines: 0, tickets: 0 };
}

/** All of a batch or none of it: an interrupted seed leaves whole accounts only. */
async function insertInTransaction(dataSource: DataSource, tables: readonly InsertableBatch[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const table of tables) {
      if (table.rowCount === 0) continue;
      const { sql, parameters } = table.insertStatement();
      await manager.query(sql, parameters);
    }
  });
}

function addBatchToSummary(summary: SeedSummary, batch: AccountBatch): void {
  summary.accounts += batch.accounts.rowCount;
  summary.contacts += batch.contacts.rowCount;
  summary.orders += batch.orders.rowCount;
  summary.orderLines += batch.orderLines.rowCount;
  summary.tickets += batch.tickets.rowCount;
}
