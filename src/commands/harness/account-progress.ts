import { Presets, SingleBar } from "cli-progress";

/** Plain functions, not methods: callers hand `update` on as a callback. */
export interface AccountProgress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** Plain lines at most this often when the output is not a terminal (CI logs, files). */
const lineInterval = 5_000;

/**
 * Progress of a long run over accounts: a bar on a terminal; elsewhere a line now and then
 * ("Seeded 5,000 of 100,000 accounts (5%)"), which logs keep readable.
 */
export function createAccountProgress(words: { running: string; done: string; unit?: string }, stream: NodeJS.WriteStream = process.stderr): AccountProgress {
  const unit = words.unit ?? "accounts";
  return stream.isTTY ? barProgress(words.running, unit, stream) : lineProgress(words.done, unit, stream);
}

function barProgress(running: string, unit: string, stream: NodeJS.WriteStream): AccountProgress {
  const bar = new SingleBar(
    {
      stream,
      format: `${running} |{bar}| {percentage}% | {value}/{total} ${unit} | {duration_formatted} elapsed, about {eta_formatted} to go`,
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
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

function lineProgress(done: string, unit: string, stream: NodeJS.WriteStream): AccountProgress {
  let lastLineAt = Date.now();
  return {
    update(accountsDone, accountsTotal) {
      const finished = accountsDone === accountsTotal;
      if (!finished && Date.now() - lastLineAt < lineInterval) return;
      lastLineAt = Date.now();
      const percentage = Math.floor((100 * accountsDone) / accountsTotal);
      stream.write(`${done} ${accountsDone.toLocaleString("en")} of ${accountsTotal.toLocaleString("en")} ${unit} (${percentage}%)\n`);
    },
    stop: () => undefined,
  };
}
