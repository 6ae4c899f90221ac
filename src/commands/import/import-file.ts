import { createReadStream } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { ImportCheckpoint, noProgress, readCheckpoint, removeCheckpoint, writeCheckpoint } from "./import-checkpoint";
import { ImportRecord, isRecord, readRecord, RecordType, recordTypes } from "./import-records";

/** What one upsert request answered: the outcome of each item, or which items it refused and why. */
export type UpsertAnswer = { kind: "written"; outcomes: string[] } | { kind: "refused"; reasons: Map<number, string>; unplaced: string[] };

/** Sends one batch of one type through the upsert mutation. */
export type UpsertBatch = (type: RecordType, items: Record<string, unknown>[]) => Promise<UpsertAnswer>;

export interface ImportOptions {
  file: string;
  batchSize: number;
  /** Start from the first line even if an earlier run left a checkpoint. */
  restart: boolean;
  onProgress: (linesDone: number, linesTotal: number) => void;
}

export interface ImportSummary extends ImportCheckpoint {
  resumedAfterLine: number;
  rejectedFile: string;
}

export function rejectedFileOf(file: string): string {
  return `${file}.rejected.ndjson`;
}

/**
 * Streams an NDJSON file through the upsert mutations in batches: records wait in one buffer per type, and
 * when one is full every buffer is sent, accounts first, then contacts, orders and tickets, so that a record
 * finds the accounts (and contacts) of earlier lines. After each such flush a checkpoint records the lines
 * done; a run after a failure starts after it (and the upserts make a line sent twice harmless). A refused
 * item is written to the rejected file with its reasons and the rest of its batch is sent again.
 */
export async function importFile(upsert: UpsertBatch, options: ImportOptions): Promise<ImportSummary> {
  const checkpoint = options.restart ? null : await readCheckpoint(options.file);
  const progress: ImportCheckpoint = { ...(checkpoint ?? noProgress) };
  const rejectedFile = rejectedFileOf(options.file);
  if (checkpoint === null) await writeFile(rejectedFile, "");
  const linesTotal = await countLines(options.file);
  const buffers = new Map<RecordType, ImportRecord[]>(recordTypes.map((type) => [type, []]));
  const reject = async (line: number, item: unknown, reason: string) => {
    progress.rejected += 1;
    await appendFile(rejectedFile, `${JSON.stringify({ line, reason, record: item })}\n`);
  };
  const flush = async (linesDone: number) => {
    for (const type of recordTypes) {
      await sendAll(upsert, type, buffers.get(type)!.splice(0), progress, reject);
    }
    progress.line = linesDone;
    await writeCheckpoint(options.file, progress);
    options.onProgress(linesDone, linesTotal);
  };
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(options.file), crlfDelay: Infinity })) {
    line += 1;
    if (line <= (checkpoint?.line ?? 0)) continue;
    const read = readRecord(text, line);
    if (read === null) continue;
    if (!isRecord(read)) {
      await reject(read.line, read.text, read.reason);
      continue;
    }
    buffers.get(read.type)!.push(read);
    if (buffers.get(read.type)!.length >= options.batchSize) await flush(line);
  }
  await flush(line);
  await removeCheckpoint(options.file);
  return { ...progress, resumedAfterLine: checkpoint?.line ?? 0, rejectedFile };
}

/**
 * Sends the records until none is left: a refusal naming its items rejects those and sends the others
 * again; one that names none (a value GraphQL itself refused, say) sends each record alone to find them.
 */
async function sendAll(
  upsert: UpsertBatch,
  type: RecordType,
  records: ImportRecord[],
  progress: ImportCheckpoint,
  reject: (line: number, item: unknown, reason: string) => Promise<void>,
): Promise<void> {
  let pending = records;
  while (pending.length > 0) {
    const answer = await upsert(
      type,
      pending.map((record) => record.item),
    );
    if (answer.kind === "written") {
      for (const outcome of answer.outcomes) countOutcome(progress, outcome);
      return;
    }
    if (answer.reasons.size === 0) {
      if (pending.length === 1) return reject(pending[0].line, pending[0].item, answer.unplaced.join("; "));
      for (const record of pending) await sendAll(upsert, type, [record], progress, reject);
      return;
    }
    for (const [index, reason] of answer.reasons) await reject(pending[index].line, pending[index].item, reason);
    pending = pending.filter((_, index) => !answer.reasons.has(index));
  }
}

function countOutcome(progress: ImportCheckpoint, outcome: string): void {
  if (outcome === "CREATED") progress.created += 1;
  else if (outcome === "UPDATED") progress.updated += 1;
  else progress.unchanged += 1;
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    last = chunk[chunk.length - 1];
  }
  return last === 10 ? lines : lines + 1;
}
