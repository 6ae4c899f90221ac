import { Contact } from "../../src/contacts/contact.entity";
import { ContactError } from "../../src/contacts/contact.errors";
import { asContactError } from "../../src/contacts/contact.rules";
import { CreateContactDocument } from "../generated/graphql";
import { createAccount, createContact } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

/** PGlite has one session and runs a transaction's statements together, so only PostgreSQL lets two writers overlap. */
const overlappingWriters = Boolean(process.env.TEST_DATABASE_URL);

describe("contacts: concurrent writers", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Waits until an insert into contacts waits on a lock (the rival's uncommitted row). */
  async function untilSomeInsertWaits(): Promise<void> {
    for (let attempt = 0; attempt < 250; attempt++) {
      // A connection of its own: inside a transaction, pg_stat_activity would repeat its first snapshot.
      const [{ waiting }]: { waiting: number }[] = await app.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "contacts"%'`,
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("The createContact insert never waited on the rival transaction");
  }

  it("when a concurrent insert takes the email between the check and the insert, then CONFLICT names input.email and the primary switch is undone", async () => {
    const account = await createAccount(app.dataSource);
    const primary = await createContact(app.dataSource, account.id, { isPrimary: true });
    const rival = app.dataSource.createQueryRunner();
    await rival.connect();
    await rival.startTransaction();
    await rival.query(`INSERT INTO contacts (account_id, first_name, last_name, role, email) VALUES ($1, 'Rival', 'Writer', 'user', 'race@example.com')`, [
      account.id,
    ]);

    app.statements.reset();
    const mutation = app.execute(CreateContactDocument, {
      input: { accountId: account.globalId, firstName: "Late", lastName: "Comer", role: "BUYER", email: "RACE@example.com", isPrimary: true },
    });
    if (overlappingWriters) await untilSomeInsertWaits();
    await rival.commitTransaction();
    await rival.release();
    const result = await mutation;

    expect(errorCodes(result)).toEqual(["CONFLICT"]);
    expect(result.errors![0].extensions).toMatchObject({ field: "input.email", reason: "EMAIL_TAKEN" });
    if (overlappingWriters) {
      // The check passed and the insert ran: the unique index, not the check, caught the duplicate.
      expect(app.statements.statements.some((statement) => statement.startsWith('INSERT INTO "contacts"'))).toBe(true);
    }
    const stored = await app.dataSource.getRepository(Contact).findBy({ accountId: account.id });
    expect(stored.map((contact) => [contact.lastName, contact.isPrimary]).sort()).toEqual([
      [primary.lastName, true],
      ["Writer", false],
    ]);
  });

  it.each([
    ["the email of another contact of the account", "input.email", { email: "twice@example.com" }, { email: "TWICE@example.com" }],
    ["a second primary", "input.isPrimary", { isPrimary: true }, { isPrimary: true }],
  ])("when the database refuses %s, then the unique violation becomes a CONFLICT naming %s", async (_, field, first, second) => {
    const account = await createAccount(app.dataSource);
    await createContact(app.dataSource, account.id, first);
    const violation = await createContact(app.dataSource, account.id, second).catch((error: unknown) => error);
    const translated = asContactError(violation);
    expect(translated).toBeInstanceOf(ContactError);
    expect(translated).toMatchObject({ code: "CONFLICT", details: { field } });
  });

  it("when the database error is not a contacts unique violation, then it passes through unchanged", async () => {
    const account = await createAccount(app.dataSource);
    const violation = await createContact(app.dataSource, account.id, { phone: "letters" }).catch((error: unknown) => error);
    expect(asContactError(violation)).toBe(violation);
  });
});
