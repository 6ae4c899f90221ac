import { readFile, rename, rm, writeFile } from "node:fs/promises";

/** What an import has committed so far: every line up to `line`, with the counts of what it did. */
export interface ImportCheckpoint {
  line: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export const noProgress: ImportCheckpoint = { line: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };

export function checkpointFileOf(file: string): string {
  return `${file}.checkpoint.json`;
}

/** The checkpoint an interrupted import of this file left; none when it finished or never ran. */
export async function readCheckpoint(file: string): Promise<ImportCheckpoint | null> {
  try {
    return JSON.parse(await readFile(checkpointFileOf(file), "utf8")) as ImportCheckpoint;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Written aside and renamed over the old one: a crash mid-write leaves the previous checkpoint whole. */
export async function writeCheckpoint(file: string, checkpoint: ImportCheckpoint): Promise<void> {
  const target = checkpointFileOf(file);
  await writeFile(`${target}.tmp`, JSON.stringify(checkpoint));
  await rename(`${target}.tmp`, target);
}

export async function removeCheckpoint(file: string): Promise<void> {
  await rm(checkpointFileOf(file), { force: true });
}
