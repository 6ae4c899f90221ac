import { Account } from "../../src/accounts/account.entity";
import { CreateAccountDocument, CreateAccountInput, UpdateAccountDocument } from "../generated/graphql";
import { createAccount, createPartner, uniqueTag } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("accounts: mutations", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const newAccount = (overrides: Partial<CreateAccountInput> = {}): CreateAccountInput => ({
    name: `Acme ${uniqueTag()}`,
    industry: "Manufacturing",
    region: "NORTH_AMERICA",
    ...overrides,
  });

  describe("createAccount", () => {
    it("when a customer is created with a contract and partner, then it is stored and returned", async () => {
      const partner = await createPartner(app.dataSource);
      const result = await app.execute(CreateAccountDocument, {
        input: newAccount({
          status: "ACTIVE",
          customerSince: "2023-02-01",
          partnerId: partner.globalId,
          contract: { startsOn: "2023-02-01", endsOn: "2025-01-31", autoRenew: true },
        }),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.createAccount).toMatchObject({
        status: "ACTIVE",
        customerSince: "2023-02-01",
        contract: { startsOn: "2023-02-01", endsOn: "2025-01-31", autoRenew: true },
        partner: { id: partner.globalId },
      });
    });

    it("when an active account has no customer-since date, then it became a customer today", async () => {
      const result = await app.execute(CreateAccountDocument, { input: newAccount({ status: "ACTIVE" }) });
      expect(result.data!.createAccount.customerSince).toBe(new Date().toISOString().slice(0, 10));
    });

    it.each([
      ["an empty name", { name: "" }, "input.name"],
      ["a blank name", { name: "   " }, "input.name"],
      ["a negative headcount", { employees: -3 }, "input.employees"],
      ["a prospect with a customer-since date", { status: "PROSPECT", customerSince: "2020-01-01" }, "input.customerSince"],
      ["a contract ending before it starts", { contract: { startsOn: "2024-01-01", endsOn: "2023-01-01", autoRenew: false } }, "input.contract.endsOn"],
      ["a partner id of another type", { partnerId: Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64") }, "input.partnerId"],
    ] as Array<[string, Partial<CreateAccountInput>, string]>)(
      "when the input has %s, then BAD_USER_INPUT names the field at fault and nothing is written",
      async (_, override, field) => {
        const input = newAccount(override);
        const result = await app.execute(CreateAccountDocument, { input });
        expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
        expect(result.errors![0].extensions?.field).toBe(field);
        expect(await app.dataSource.getRepository(Account).countBy({ name: input.name })).toBe(0);
      },
    );

    it("when the partner does not exist, then NOT_FOUND names input.partnerId", async () => {
      const ghost = Buffer.from("Partner:00000000-0000-4000-8000-000000000000").toString("base64");
      const result = await app.execute(CreateAccountDocument, { input: newAccount({ partnerId: ghost }) });
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
      expect(result.errors![0].extensions?.field).toBe("input.partnerId");
    });
  });

  describe("updateAccount", () => {
    it("when only some fields are given, then only they change, and null clears optional ones", async () => {
      const partner = await createPartner(app.dataSource);
      const account = await createAccount(app.dataSource, { partnerId: partner.id, employees: 50, contractStartsOn: "2024-01-01" });
      const result = await app.execute(UpdateAccountDocument, { id: account.globalId, input: { name: "Renamed", partnerId: null, contract: null } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateAccount).toMatchObject({ name: "Renamed", employees: 50, partner: null, contract: null });
    });

    it("when a prospect signs, then it becomes active with today's customer-since date", async () => {
      const account = await createAccount(app.dataSource, { status: "prospect" as Account["status"], customerSince: null });
      const result = await app.execute(UpdateAccountDocument, { id: account.globalId, input: { status: "ACTIVE" } });
      expect(result.data!.updateAccount).toMatchObject({ status: "ACTIVE", customerSince: new Date().toISOString().slice(0, 10) });
    });

    it("when a customer would become a prospect again, then CONFLICT and nothing changes", async () => {
      const account = await createAccount(app.dataSource, { name: "Stays active" });
      const result = await app.execute(UpdateAccountDocument, { id: account.globalId, input: { status: "PROSPECT", name: "Changed" } });
      expect(errorCodes(result)).toEqual(["CONFLICT"]);
      expect(result.errors![0].extensions?.reason).toBe("ILLEGAL_STATUS_CHANGE");
      expect(await app.dataSource.getRepository(Account).findOneByOrFail({ id: account.id })).toMatchObject({ name: "Stays active", status: "active" });
    });

    it("when a required field is set to null, then BAD_USER_INPUT names it", async () => {
      const account = await createAccount(app.dataSource);
      const result = await app.execute(UpdateAccountDocument, { id: account.globalId, input: { industry: null } });
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions?.field).toBe("input.industry");
    });

    it("when the account does not exist, then NOT_FOUND names the id", async () => {
      const ghost = Buffer.from("Account:00000000-0000-4000-8000-000000000000").toString("base64");
      const result = await app.execute(UpdateAccountDocument, { id: ghost, input: { name: "x" } });
      expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
      expect(result.errors![0].extensions?.field).toBe("id");
    });
  });
});
