import { Presets, SingleBar } from "cli-progress";
import { SeedProgress } from "./seed-customer-graph";

export interface ProgressReporter {
  update(progress: SeedProgress): void;
  stop(): void;
}

/** Plain lines at most this often when the output is not a terminal (CI logs, files). */
const lineInterval = 5_000;

/** A progress bar on a terminal; elsewhere a line now and then, which logs keep readable. */
export function createProgressReporter(accountsTotal: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? barReporter(accountsTotal, stream) : lineReporter(stream);
}

function barReporter(accountsTotal: number, stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new SingleBar(
    {
      stream,
      format: "Seeding |{bar}| {percentage}% | {value}/{total} accounts | {duration_formatted} elapsed, about {eta_formatted} to go",
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  bar.start(accountsTotal, 0);
  return {
    update: (progress) => bar.update(progress.accountsDone),
    stop: () => bar.stop(),
  };
}

function lineReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let lastLineAt = Date.now();
  return {
    update({ accountsDone, accountsTotal }) {
      const done = accountsDone === accountsTotal;
      if (!done && Date.now() - lastLineAt < lineInterval) return;
      lastLineAt = Date.now();
      const percentage = Math.floor((100 * accountsDone) / accountsTotal);
      stream.write(`Seeded ${accountsDone.toLocaleString("en")} of ${accountsTotal.toLocaleString("en")} accounts (${percentage}%)\n`);
    },
    stop: () => undefined,
  };
}
