import { exitCodes } from "../../src/commands/harness/command-errors";
import { stoppableByInterrupt } from "../../src/commands/harness/interruption";

/** Ctrl-C during a long command (the seed): stop at a safe point; again, later, stop at once. */
describe("a command stoppable by Ctrl-C", () => {
  afterEach(() => jest.restoreAllMocks());

  test("when Ctrl-C arrives twice at once (npm relays the terminal's), then the work stops at its safe point; a later one stops the process with 130", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    let now = 1_000_000;
    jest.spyOn(Date, "now").mockImplementation(() => now);

    const outcome = await stoppableByInterrupt("stopping after this batch", async (signal) => {
      process.emit("SIGINT", "SIGINT");
      now += 20;
      process.emit("SIGINT", "SIGINT");
      const abortedAtOnce = signal.aborted;
      const exitedAtOnce = exit.mock.calls.length;
      now += 2_000;
      process.emit("SIGINT", "SIGINT");
      return { abortedAtOnce, exitedAtOnce };
    });

    expect(outcome).toEqual({ abortedAtOnce: true, exitedAtOnce: 0 });
    expect(exit.mock.calls).toEqual([[exitCodes.interrupted]]);
    expect(console.error).toHaveBeenCalledWith("stopping after this batch");
    expect(process.listenerCount("SIGINT")).toBe(0);
  });
});
