import { commandNames, runCommandLine } from "../../src/commands/harness/command-line";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { testDatabaseUrl } from "../support/test-database";

/** Every command through the one harness: one way to ask for help, one way to say what went wrong. */
describe("the command line", () => {
  let printed: { out: string[]; err: string[] };
  beforeEach(() => {
    printed = { out: [], err: [] };
    jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.out.push(parts.join(" ")));
    jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.err.push(parts.join(" ")));
  });
  afterEach(() => jest.restoreAllMocks());

  test.each(commandNames)("when %s is asked for --help, then it prints its usage and exits 0", async (name) => {
    expect(await runCommandLine([name, "--help"], {})).toBe(exitCodes.success);
    expect(printed.out.join("\n")).toMatch(new RegExp(`^Usage: npm run ${name} `, "m"));
  });

  test("when no command or an unknown one is named, then it exits 2, listing the commands or saying which is unknown", async () => {
    expect(await runCommandLine([], {})).toBe(exitCodes.badUsage);
    expect(printed.err.join("\n")).toMatch(/rules:check/);
    expect(await runCommandLine(["rules:chek"], {})).toBe(exitCodes.badUsage);
    expect(printed.err.join("\n")).toMatch(/unknown command 'rules:chek'/);
  });

  test("when an option's value is refused, then it exits 2 before touching the database, naming the option", async () => {
    expect(await runCommandLine(["rules:explain", "--account", "not-an-id"], {})).toBe(exitCodes.badUsage);
    expect(printed.err.join("\n")).toMatch(/'--account <id>' argument 'not-an-id' is invalid\. "not-an-id" is not the id of an Account/);
  });

  test("when a command cannot do its work, then its message alone goes to stderr and it exits 1", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await runCommandLine(["rules:explain", "--account", missing], { DATABASE_URL: testDatabaseUrl() })).toBe(exitCodes.failed);
    expect(printed.err).toEqual([`No account with id ${missing}`]);
  });

  test("when keys:revoke names no live key, then it says so and exits 2; a live key is revoked once", async () => {
    const environment = { DATABASE_URL: testDatabaseUrl() };
    expect(await runCommandLine(["keys:create", "--role", "analyst", "--name", "to revoke"], environment)).toBe(exitCodes.success);
    const id = /^Created key (\S+)/m.exec(printed.out.join("\n"))![1];
    expect(await runCommandLine(["keys:revoke", "--id", id], environment)).toBe(exitCodes.success);
    expect(await runCommandLine(["keys:revoke", "--id", id], environment)).toBe(exitCodes.badUsage);
    expect(printed.err.join("\n")).toMatch(new RegExp(`No live key with id ${id}`));
  });
});
