/** The exit codes of every command: shells and CI read them. */
export const exitCodes = {
  success: 0,
  /** The command could not do its work (a typed failure with a message, or an unexpected error). */
  failed: 1,
  /** The command line was wrong: an unknown option, a missing or bad value. */
  badUsage: 2,
  /** Stopped by Ctrl-C (what shells report for SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A command that could not do its work, with a message for the person who ran it: printed alone on stderr. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = exitCodes.failed,
  ) {
    super(message);
    this.name = "CommandFailure";
  }
}

/** A mistake on the command line that the option parsers cannot see (a value that names nothing): exit code 2. */
export class UsageError extends CommandFailure {
  constructor(message: string) {
    super(message, exitCodes.badUsage);
    this.name = "UsageError";
  }
}
