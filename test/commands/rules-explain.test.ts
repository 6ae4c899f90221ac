import { DataSource } from "typeorm";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { createAccount, uniqueTag } from "../support/factories";
import { openTestDataSource, testDatabaseUrl } from "../support/test-database";
import { capturePrintedOutput } from "../support/printed-output";

/** rules:explain on the repository's rules/ folder, looking accounts up by name as an analyst would. */
describe("rules:explain", () => {
  let dataSource: DataSource;
  const printed = capturePrintedOutput();
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  const explain = (...options: string[]) => runCommandLine(["rules:explain", ...options], { DATABASE_URL: testDatabaseUrl() });

  test("when an account is named in another case, then it is found and explained with groups, symbols and the near misses of tier, stage and risk", async () => {
    const tag = uniqueTag();
    await createAccount(dataSource, { name: `Acme Explained ${tag}` });
    expect(await explain("--name", `acme EXPLAINED ${tag}`)).toBe(exitCodes.success);
    const output = printed.out.join("\n");
    expect(output).toMatch(/^Tier bronze, lifecycle stage /m);
    expect(output).toMatch(/^ {2}Next tier up: silver by "Silver: 1.4k\+ a year": spend \(monetary\): revenue12m (0|is unknown) /m);
    expect(output).toMatch(/^ {2}Stage \w+ by "/m);
    expect(output).toMatch(/^ {2}Next risk level up: medium, 30 more points; signals that did not fire:$/m);
  });

  test("when several accounts match the name, then it fails listing each with its id; an exact name among them is taken", async () => {
    const tag = uniqueTag();
    const first = await createAccount(dataSource, { name: `Acme ${tag}` });
    const second = await createAccount(dataSource, { name: `Acme ${tag} Holdings` });
    expect(await explain("--name", `${tag} `.trim())).toBe(exitCodes.failed);
    expect(printed.err.join("\n")).toBe(
      [`Several accounts match "${tag}"; run again with --account <id>:`, `  ${first.id}  Acme ${tag}`, `  ${second.id}  Acme ${tag} Holdings`].join("\n"),
    );
    expect(await explain("--name", `ACME ${tag}`)).toBe(exitCodes.success);
    expect(await explain("--name", `nobody-${tag}`)).toBe(exitCodes.failed);
    expect(printed.err.at(-1)).toBe(`No account's name contains "nobody-${tag}"`);
  });

  test("when a rule that did not fire is asked about, then its first failing condition is named with its label, its groups shown as groups", async () => {
    const account = await createAccount(dataSource);
    const platinumCap = "Platinum is out of reach when serving costs too much: gold instead";
    expect(await explain("--account", account.id, "--rule", platinumCap.toUpperCase())).toBe(exitCodes.success);
    const output = printed.out.join("\n");
    expect(output).toContain(`did not fire: "${platinumCap}" (priority 110)`);
    expect(output).toMatch(/blocked: spend \(monetary\): revenue12m .+ 15,000/);
    expect(output).toMatch(/^ {6}failed {8}all of$/m);
    expect(output).toMatch(/^ {6}failed {10}cost to serve: any of$/m);
    expect(output).toMatch(/^ {6}failed {12}many returns: returnRate12m > 0\.2 \(is unknown\)$/m);
  });

  test("when neither or both of --account and --name are given, then it exits 2 saying to give one", async () => {
    expect(await explain()).toBe(exitCodes.badUsage);
    expect(await explain("--name", "a", "--account", "00000000-0000-4000-8000-000000000000")).toBe(exitCodes.badUsage);
    expect(printed.err.at(-1)).toMatch(/^Give either --account <id> or --name <text>/);
  });
});
