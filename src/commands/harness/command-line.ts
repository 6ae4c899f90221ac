// Before any command module: entities and resolvers record their decorators' types through it.
import "reflect-metadata";
import { Command, CommanderError } from "commander";
import { CommandFailure, ExitCode, exitCodes, UsageError } from "./command-errors";
import { CommandContext, CommandFactory } from "./command-context";

/**
 * Every command, by the name of its npm script. Only the command asked for is loaded (the others'
 * modules, the server's among them, cost start-up time); a list of them all (--help) loads every one.
 */
const commands = new Map<string, () => Promise<CommandFactory>>([
  ["compile", async () => (await import("../compile-command")).compileCommand],
  ["db:migrate", async () => (await import("../db-migrate-command")).dbMigrateCommand],
  ["seed", async () => (await import("../seed-command")).seedCommand],
  ["import", async () => (await import("../import-command")).importCommand],
  ["import:sample", async () => (await import("../import-command")).importSampleCommand],
  ["schema:emit", async () => (await import("../schema-emit-command")).schemaEmitCommand],
  ["keys:create", async () => (await import("../keys-command")).keysCreateCommand],
  ["keys:list", async () => (await import("../keys-command")).keysListCommand],
  ["keys:revoke", async () => (await import("../keys-command")).keysRevokeCommand],
  ["keys:rotate", async () => (await import("../keys-command")).keysRotateCommand],
  ["rules:check", async () => (await import("../rules-check-command")).rulesCheckCommand],
  ["rules:facts", async () => (await import("../rules-facts-command")).rulesFactsCommand],
  ["rules:impact", async () => (await import("../rules-impact-command")).rulesImpactCommand],
  ["rules:explain", async () => (await import("../rules-explain-command")).rulesExplainCommand],
  ["rules:rollback", async () => (await import("../rules-rollback-command")).rulesRollbackCommand],
  ["rules:publish", async () => (await import("../rules-publish-command")).rulesPublishCommand],
  ["rules:pull", async () => (await import("../rules-pull-command")).rulesPullCommand],
  ["policies:evaluate", async () => (await import("../policies-evaluate-command")).policiesEvaluateCommand],
  ["bench", async () => (await import("../bench-command")).benchCommand],
  ["bench:readme", async () => (await import("../bench-readme-command")).benchReadmeCommand],
  ["bench:policies", async () => (await import("../bench-policies-command")).benchPoliciesCommand],
  ["webhooks:redeliver", async () => (await import("../webhooks-redeliver-command")).webhooksRedeliverCommand],
  ["bench:events", async () => (await import("../bench-events-command")).benchEventsCommand],
]);

/** The names of every command, as `npm run <name>` runs it. */
export const commandNames: readonly string[] = [...commands.keys()];

/**
 * Runs one command line (`<command> [options]`, without node and the script) and returns its exit
 * code: 0 done; 1 failed, with its message on stderr; 2 a wrong command line, with what was wrong and
 * the usage; 130 stopped by Ctrl-C. `--help` works on every command.
 */
export async function runCommandLine(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const program = new Command("npm run")
    .description("The customer graph's command-line tools. Through npm, options follow `--`: npm run seed -- --accounts 100")
    .helpCommand(false);
  const context: CommandContext = { environment, argv };
  const named = commands.get(argv[0] ?? "");
  for (const load of named ? [named] : [...commands.values()]) program.addCommand((await load())(context));
  applySettings(program);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodes.success;
  } catch (error) {
    return report(error);
  }
}

/** Commander copies its settings to the commands it creates, not to those added: each gets them here. */
function applySettings(command: Command): void {
  command
    .exitOverride()
    .showHelpAfterError("(--help for the usage)")
    .configureOutput({
      // Through the console, where the commands print too (and tests listen).
      writeOut: (text) => console.log(text.replace(/\n$/, "")),
      writeErr: (text) => console.error(text.replace(/\n$/, "")),
    });
  for (const subcommand of command.commands) applySettings(subcommand);
}

function report(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    // Commander printed the help or the mistake already.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return exitCodes.success;
    return exitCodes.badUsage;
  }
  if (error instanceof CommandFailure) {
    console.error(error instanceof UsageError ? `${error.message}\n(--help for the usage)` : error.message);
    return error.exitCode;
  }
  console.error(error instanceof Error ? error.message : error);
  return exitCodes.failed;
}
