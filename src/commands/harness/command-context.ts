import { Command } from "commander";

/** What every command is given by the harness. */
export interface CommandContext {
  /** The environment the configuration is read from: the process's, or a test's own. */
  environment: NodeJS.ProcessEnv;
}

/** A command's file exports one of these: it declares the command's options and what it does. */
export type CommandFactory = (context: CommandContext) => Command;
