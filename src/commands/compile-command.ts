import { Command } from "commander";
import { CommandFactory } from "./harness/command-context";

/** `npm start`'s first step (prestart): the harness compiles what changed before any command; this one does nothing more. */
export const compileCommand: CommandFactory = () =>
  new Command("compile")
    .description("compiles what changed in src/ since the last build, if anything did (every command does this first)")
    .action(() => undefined);
