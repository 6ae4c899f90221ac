import { loadavg } from "node:os";
import { DataSource } from "typeorm";
import { describeMachine, describeSource, MachineDescription, SourceVersion } from "./bench-machine";

/** What every result file of `npm run bench:events` opens with: when, how it was started, where, on which commit. */
export interface RunHeader {
  startedAt: string;
  /** The command as it was typed, so that the run can be repeated. */
  commandLine: string;
  machine: MachineDescription;
  source: SourceVersion;
  notes: string;
  /** The machine's 1-minute load average as the run started and ended. */
  loadAverage: { start: number; end: number };
}

/** A run's start: its time and the load average then; `finish` describes it once measured (the load average at its end). */
export function startRunHeader(): {
  startedAt: Date;
  finish(run: { commandLine: string; machine: string; notes: string[]; dataSource: DataSource }): Promise<RunHeader>;
} {
  const startedAt = new Date();
  const loadAverageAtStart = loadavg()[0];
  return {
    startedAt,
    finish: async ({ commandLine, machine, notes, dataSource }) => ({
      startedAt: startedAt.toISOString(),
      commandLine,
      machine: await describeMachine(machine, dataSource),
      source: describeSource(),
      notes: notes.filter(Boolean).join(" "),
      loadAverage: { start: loadAverageAtStart, end: loadavg()[0] },
    }),
  };
}
