import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { exitCodes } from "../../src/commands/harness/command-errors";
import { runCommandLine } from "../../src/commands/harness/command-line";
import { graphqlUpsert } from "../../src/commands/import/graphql-upsert";
import { checkpointFileOf, readCheckpoint } from "../../src/commands/import/import-checkpoint";
import { importFile, rejectedFileOf, UpsertBatch } from "../../src/commands/import/import-file";
import { Account } from "../../src/accounts/account.entity";
import { Contact } from "../../src/contacts/contact.entity";
import { buildCustomerGraphSchema } from "../../src/schema";
import { uniqueTag } from "../support/factories";
import { startTestApp, TestApp } from "../support/test-app";
import { testDatabaseUrl } from "../support/test-database";

const account = (externalId: string, extra: object = {}) => ({
  type: "account",
  externalId,
  name: `Imported ${externalId}`,
  industry: "Retail",
  region: "EUROPE",
  ...extra,
});
const contact = (externalId: string, accountExternalId: string) => ({
  type: "contact",
  externalId,
  accountExternalId,
  firstName: "Imported",
  lastName: externalId,
  role: "BUYER",
});

function ndjson(records: Array<object | string>): string {
  return records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";
}

describe("npm run import: records by external id from an NDJSON file, through the upsert mutations", () => {
  let app: TestApp;
  let folder: string;
  let printed: string[];
  beforeAll(async () => {
    app = await startTestApp();
    folder = await mkdtemp(path.join(tmpdir(), "import-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await app.close();
  });
  beforeEach(() => {
    printed = [];
    jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  const countByPrefix = (entity: typeof Account | typeof Contact, prefix: string) =>
    app.dataSource
      .getRepository<Account | Contact>(entity)
      .createQueryBuilder("row")
      .where("row.external_id LIKE :prefix", { prefix: `${prefix}%` })
      .getCount();

  test("when a file mixes good records with unreadable and refused ones, then the good ones are written, each bad line is kept with its reason, and a second run changes nothing", async () => {
    const tag = uniqueTag();
    const file = path.join(folder, `mixed-${tag}.ndjson`);
    await writeFile(
      file,
      ndjson([
        account(`${tag}-a1`),
        contact(`${tag}-c1`, `${tag}-a1`),
        "{ this is not json",
        account(`${tag}-a2`, { region: "ATLANTIS" }),
        account(`${tag}-a3`, { name: "" }),
        contact(`${tag}-c2`, `${tag}-nobody`),
        { type: "invoice", externalId: "x" },
        account(`${tag}-a4`),
        contact(`${tag}-c3`, `${tag}-a4`),
      ]),
    );
    const environment = { DATABASE_URL: testDatabaseUrl() };
    expect(await runCommandLine(["import", "--file", file, "--batch", "2"], environment)).toBe(exitCodes.success);
    expect(printed.join("\n")).toMatch(
      /^Imported 9 lines in [\d.]+ s: 4 created, 0 updated, 0 unchanged; 5 rejected, with their reasons, in .*\.rejected\.ndjson$/m,
    );
    expect(await countByPrefix(Account, tag)).toBe(2);
    expect(await countByPrefix(Contact, tag)).toBe(2);
    const rejected = (await readFile(rejectedFileOf(file), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { line: number; reason: string });
    expect(rejected.map(({ line }) => line).sort()).toEqual([3, 4, 5, 6, 7]);
    const reasonOf = (line: number) => rejected.find((entry) => entry.line === line)!.reason;
    expect(reasonOf(3)).toMatch(/^not JSON/);
    expect(reasonOf(4)).toMatch(/"ATLANTIS" does not exist in "Region" enum/);
    expect(reasonOf(5)).toMatch(/^input\.items\[\d\]\.name: /);
    expect(reasonOf(6)).toMatch(/No Account with id "[^"]+-nobody"/);
    expect(reasonOf(7)).toMatch(/"type" must be one of account, contact, order, ticket/);
    expect(await readCheckpoint(file)).toBeNull();

    printed = [];
    expect(await runCommandLine(["import", "--file", file], environment)).toBe(exitCodes.success);
    expect(printed.join("\n")).toMatch(/: 0 created, 0 updated, 4 unchanged; 5 rejected/);
  });

  test("when a run stops part-way (the database gone), then the next run resumes after the last committed batch and the file ends up imported once", async () => {
    const tag = uniqueTag();
    const file = path.join(folder, `resume-${tag}.ndjson`);
    const records = Array.from({ length: 10 }, (_, index) => account(`${tag}-${index}`));
    await writeFile(file, ndjson(records));
    const upsert = graphqlUpsert(await buildCustomerGraphSchema(), app.dataSource, app.policies);
    let batches = 0;
    const failingOnThird: UpsertBatch = (type, items) => {
      batches += 1;
      return batches === 3 ? Promise.reject(new Error("connection terminated")) : upsert(type, items);
    };
    const options = { file, batchSize: 3, restart: false, onProgress: () => undefined };
    await expect(importFile(failingOnThird, options)).rejects.toThrow("connection terminated");
    expect(await readCheckpoint(file)).toMatchObject({ line: 6, created: 6 });
    expect(await countByPrefix(Account, tag)).toBe(6);

    const sent: number[] = [];
    const summary = await importFile((type, items) => (sent.push(items.length), upsert(type, items)), options);
    expect(summary).toMatchObject({ resumedAfterLine: 6, line: 10, created: 10, unchanged: 0, rejected: 0 });
    expect(sent).toEqual([3, 1]);
    expect(await countByPrefix(Account, tag)).toBe(10);
    await expect(readFile(checkpointFileOf(file))).rejects.toThrow(/ENOENT/);
  });
});
