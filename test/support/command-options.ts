import { Command } from "commander";
import { CommandFactory } from "../../src/commands/harness/command-context";

/**
 * The options a command reads from `argv`, without running it: its own parsers and defaults, as the
 * harness runs them. A refused command line rejects with commander's error (its `message` says why).
 */
export async function parsedOptions<Options>(factory: CommandFactory, argv: string[]): Promise<Options> {
  const command: Command = factory({ environment: {} });
  let parsed: Options | undefined;
  command
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .action((options: Options) => {
      parsed = options;
    });
  await command.parseAsync(argv, { from: "user" });
  return parsed!;
}
