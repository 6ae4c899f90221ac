import { Command } from "commander";

/** What every command is given by the harness. */
export interface CommandContext {
  /** The environment the configuration is read from: the process's, or a test's own. */
  environment: NodeJS.ProcessEnv;
  /** The command line as given (the command's name, then its options), for a result file to say how it was made. */
  argv?: readonly string[];
}

/** A command's file exports one of these: it declares the command's options and what it does. */
export type CommandFactory = (context: CommandContext) => Command;
