import { exitCodes } from "./command-errors";

/** npm relays the terminal's Ctrl-C to the command, which so receives it twice within milliseconds. */
const sameInterruptMilliseconds = 1_000;

/**
 * Runs work that can stop at a safe point (between batches): the first Ctrl-C prints `message` and
 * aborts the signal; a second one, later than npm's relay of the first, stops the process at once.
 */
export async function stoppableByInterrupt<Result>(message: string, work: (signal: AbortSignal) => Promise<Result>): Promise<Result> {
  const stop = new AbortController();
  let firstAt = 0;
  const interrupt = () => {
    if (!stop.signal.aborted) {
      firstAt = Date.now();
      console.error(message);
      stop.abort();
    } else if (Date.now() - firstAt > sameInterruptMilliseconds) {
      process.exit(exitCodes.interrupted);
    }
  };
  process.on("SIGINT", interrupt);
  try {
    return await work(stop.signal);
  } finally {
    process.removeListener("SIGINT", interrupt);
  }
}
