import "reflect-metadata";
import { Presets, SingleBar } from "cli-progress";
import path from "node:path";
import { loadConfig } from "../../config";
import { openDatabase, OpenDatabase } from "../../database/open-database";

/** Runs a policy command on the configured database (DATABASE_URL, or the embedded one, also while the server runs). */
export async function withDatabase(applicationName: string, work: (database: OpenDatabase, rulesDirectory: string) => Promise<number>): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, { applicationName, poolSize: 4 });
  try {
    process.exitCode = await work(database, path.resolve(config.rulesDirectory));
  } finally {
    await database.close();
  }
}

/** A progress bar on a terminal; a line every few seconds elsewhere (CI logs, files). */
export function accountProgress(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ stream: process.stderr, format: `${label} |{bar}| {percentage}% | {value}/{total} accounts | {eta_formatted} to go`, hideCursor: true }, Presets.shades_classic);
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(done, total) {
      if (Date.now() - lastLine < 5_000 && done < total) return;
      lastLine = Date.now();
      console.error(`${label}: ${done.toLocaleString("en")} of ${total.toLocaleString("en")} accounts`);
    },
    stop: () => undefined,
  };
}

export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
