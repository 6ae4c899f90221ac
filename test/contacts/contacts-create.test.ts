import { Contact } from "../../src/contacts/contact.entity";
import { CreateContactDocument, CreateContactInput } from "../generated/graphql";
import { createAccount, createContact, uniqueTag } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("createContact", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ghostAccountId = Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64");
  const contacts = () => app.dataSource.getRepository(Contact);

  const newContact = (accountId: string, overrides: Partial<CreateContactInput> = {}): CreateContactInput => ({
    accountId,
    firstName: "Grace",
    lastName: `Hopper ${uniqueTag()}`,
    role: "TECHNICAL",
    ...overrides,
  });

  it("when only the required fields are given, then the defaults apply and the contact belongs to the account", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(CreateContactDocument, { input: newContact(account.globalId, { firstName: "  Grace " }) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createContact).toMatchObject({
      firstName: "Grace",
      role: "TECHNICAL",
      email: null,
      phone: null,
      preferredChannel: "EMAIL",
      marketingConsent: false,
      isPrimary: false,
      birthday: null,
      account: { id: account.globalId },
    });
  });

  it("when every field is given and the contact is primary, then it is stored and the previous primary steps down", async () => {
    const account = await createAccount(app.dataSource);
    const previous = await createContact(app.dataSource, account.id, { isPrimary: true });
    const input = newContact(account.globalId, {
      email: "Grace.Hopper@Example.com",
      phone: "+1 (555) 010-2030",
      preferredChannel: "PHONE",
      marketingConsent: true,
      isPrimary: true,
      birthday: "1906-12-09",
      inRoleSince: "1943-12-01",
    });
    const result = await app.execute(CreateContactDocument, { input });
    expect(result.errors).toBeUndefined();
    const { accountId, ...expected } = input;
    expect(result.data!.createContact).toMatchObject({ ...expected, account: { id: accountId } });
    expect(await contacts().findOneByOrFail({ id: previous.id })).toMatchObject({ isPrimary: false });
    expect(await contacts().countBy({ accountId: account.id, isPrimary: true })).toBe(1);
  });

  it.each([
    ["a blank first name", { firstName: "   " }, "input.firstName"],
    ["a last name of 101 characters", { lastName: "x".repeat(101) }, "input.lastName"],
    ["a phone with letters", { phone: "call me maybe" }, "input.phone"],
    ["a phone of 3 digits", { phone: "123" }, "input.phone"],
    ["a birthday in the future", { birthday: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }, "input.birthday"],
    ["an account id of another type", { accountId: Buffer.from("Contact:00000000-0000-4000-8000-000000000000").toString("base64") }, "input.accountId"],
  ] as Array<[string, Partial<CreateContactInput>, string]>)(
    "when the input has %s, then BAD_USER_INPUT names the field and nothing is written",
    async (_, override, field) => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(CreateContactDocument, { input: newContact(account.globalId, override) });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe(field);
      expect(await contacts().countBy({ accountId: account.id })).toBe(0);
    },
  );

  it("when the email is not an email address, then BAD_USER_INPUT mentions input.email", async () => {
    const account = await createAccount(app.dataSource);
    const result = await app.execute(CreateContactDocument, { input: newContact(account.globalId, { email: "not-an-email" }) });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].message).toContain("input.email");
  });

  it("when the account does not exist, then NOT_FOUND names input.accountId", async () => {
    const result = await app.execute(CreateContactDocument, { input: newContact(ghostAccountId) });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(result.errors![0].extensions?.field).toBe("input.accountId");
  });

  it("when another contact of the account has the email in another case, then CONFLICT names input.email and nothing changes", async () => {
    const account = await createAccount(app.dataSource);
    const primary = await createContact(app.dataSource, account.id, { isPrimary: true, email: "ada@example.com" });
    const input = newContact(account.globalId, { email: "ADA@Example.COM", isPrimary: true });
    const result = await app.execute(CreateContactDocument, { input });
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
    expect(result.errors![0].extensions).toMatchObject({ field: "input.email", reason: "EMAIL_TAKEN" });
    expect(await contacts().countBy({ accountId: account.id })).toBe(1);
    expect(await contacts().findOneByOrFail({ id: primary.id })).toMatchObject({ isPrimary: true });
  });

  it("when a contact of another account has the email, then the email is free for this account", async () => {
    const account = await createAccount(app.dataSource);
    const other = await createAccount(app.dataSource);
    await createContact(app.dataSource, other.id, { email: "shared@example.com" });
    const result = await app.execute(CreateContactDocument, { input: newContact(account.globalId, { email: "shared@example.com" }) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createContact.email).toBe("shared@example.com");
  });
});
