import { Contact } from "../../src/contacts/contact.entity";
import { UpdateContactDocument, UpdateContactInput } from "../generated/graphql";
import { createAccount, createContact } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("updateContact", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const contacts = () => app.dataSource.getRepository(Contact);
  const stored = (contact: Contact) => contacts().findOneByOrFail({ id: contact.id });

  it("when only some fields are given, then only they change, and null clears the phone and birthday", async () => {
    const account = await createAccount(app.dataSource);
    const contact = await createContact(app.dataSource, account.id, { firstName: "Ada", birthday: "1815-12-10", role: "buyer" as Contact["role"] });
    const result = await app.execute(UpdateContactDocument, {
      id: contact.globalId,
      input: { lastName: " King ", role: "DECISION_MAKER", phone: null, birthday: null, marketingConsent: true },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateContact).toMatchObject({
      firstName: "Ada",
      lastName: "King",
      role: "DECISION_MAKER",
      email: contact.email,
      phone: null,
      birthday: null,
      marketingConsent: true,
      account: { id: account.globalId },
    });
    expect(await stored(contact)).toMatchObject({ lastName: "King", phone: null, birthday: null });
  });

  it("when another contact becomes primary, then the previous primary steps down in the same change", async () => {
    const account = await createAccount(app.dataSource);
    const previous = await createContact(app.dataSource, account.id, { isPrimary: true });
    const next = await createContact(app.dataSource, account.id);
    const result = await app.execute(UpdateContactDocument, { id: next.globalId, input: { isPrimary: true } });
    expect(result.data!.updateContact.isPrimary).toBe(true);
    expect(await stored(previous)).toMatchObject({ isPrimary: false });
    expect(await stored(next)).toMatchObject({ isPrimary: true });
  });

  it("when a contact changes only the case of its own email, then that is no conflict", async () => {
    const account = await createAccount(app.dataSource);
    const contact = await createContact(app.dataSource, account.id, { email: "ada@example.com" });
    const result = await app.execute(UpdateContactDocument, { id: contact.globalId, input: { email: "Ada@Example.com" } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateContact.email).toBe("Ada@Example.com");
  });

  it("when the new email belongs to another contact of the account in another case, then CONFLICT and nothing changes", async () => {
    const account = await createAccount(app.dataSource);
    const primary = await createContact(app.dataSource, account.id, { isPrimary: true, email: "grace@example.com" });
    const contact = await createContact(app.dataSource, account.id, { firstName: "Unchanged" });
    const result = await app.execute(UpdateContactDocument, {
      id: contact.globalId,
      input: { email: "GRACE@example.com", isPrimary: true, firstName: "Changed" },
    });
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
    expect(result.errors![0].extensions).toMatchObject({ field: "input.email", reason: "EMAIL_TAKEN" });
    expect(await stored(contact)).toMatchObject({ firstName: "Unchanged", isPrimary: false, email: contact.email });
    expect(await stored(primary)).toMatchObject({ isPrimary: true });
  });

  it.each([
    ["a required name cleared", { firstName: null }, "input.firstName"],
    ["the role cleared", { role: null }, "input.role"],
    ["the primary flag cleared", { isPrimary: null }, "input.isPrimary"],
    ["a blank last name", { lastName: " " }, "input.lastName"],
    ["a malformed phone", { phone: "+49 (0) 30 / 12#34" }, "input.phone"],
    ["a birthday in the future", { birthday: "2999-01-01" }, "input.birthday"],
  ] as Array<[string, UpdateContactInput, string]>)(
    "when the input has %s, then BAD_USER_INPUT names the field and nothing changes",
    async (_, input, field) => {
      const account = await createAccount(app.dataSource);
      const contact = await createContact(app.dataSource, account.id);
      const result = await app.execute(UpdateContactDocument, { id: contact.globalId, input });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe(field);
      expect(await stored(contact)).toMatchObject({ firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone, role: contact.role });
    },
  );

  it("when the contact does not exist, then NOT_FOUND names the id; when the id is of another type, then BAD_USER_INPUT", async () => {
    const ghost = Buffer.from("Contact:00000000-0000-4000-8000-000000000000").toString("base64");
    const missing = await app.execute(UpdateContactDocument, { id: ghost, input: { firstName: "Nobody" } });
    expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
    expect(missing.errors![0].extensions?.field).toBe("id");

    const account = await createAccount(app.dataSource);
    const wrongType = await app.execute(UpdateContactDocument, { id: account.globalId, input: { firstName: "Nobody" } });
    expect(errorCodes(wrongType)).toEqual(["BAD_USER_INPUT"]);
    expect(wrongType.errors![0].extensions?.field).toBe("id");
  });
});
