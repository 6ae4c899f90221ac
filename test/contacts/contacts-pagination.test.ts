import { ContactSort, ContactsPageDocument } from "../generated/graphql";
import { createAccount, createContact } from "../support/factories";
import { errorCodes, startTestApp, TestApp } from "../support/test-app";

describe("contacts: cursor pagination", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function accountWithContacts(count: number) {
    const account = await createAccount(app.dataSource);
    for (let index = 0; index < count; index++) {
      // Names repeat on purpose: ties must be broken by id without duplicates or gaps.
      await createContact(app.dataSource, account.id, { firstName: `First ${index % 2}`, lastName: `Last ${index % 3}` });
    }
    return account;
  }

  async function readAllPages(accountId: string, direction: "forward" | "backward", pageSize: number, orderBy?: ContactSort[]) {
    const ids: string[] = [];
    let cursor: string | null | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const result = await app.execute(ContactsPageDocument, {
        filter: { accountId },
        orderBy,
        ...(direction === "forward" ? { first: pageSize, after: cursor } : { last: pageSize, before: cursor }),
      });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.contacts;
      const pageIds = connection.edges.map((edge) => edge.node.id);
      ids.push(...(direction === "forward" ? pageIds : pageIds.reverse()));
      const more = direction === "forward" ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = direction === "forward" ? connection.pageInfo.endCursor : connection.pageInfo.startCursor;
    }
    return ids;
  }

  it.each([
    ["by name", undefined],
    ["by name descending", [{ field: "NAME", direction: "DESC" }]],
    ["by creation time", [{ field: "CREATED_AT", direction: "ASC" }]],
  ] as Array<[string, ContactSort[] | undefined]>)(
    "when paging forward and backward %s through ties, then every contact appears once, in the same order",
    async (_, orderBy) => {
      const account = await accountWithContacts(17);
      const all = await app.execute(ContactsPageDocument, { filter: { accountId: account.globalId }, orderBy, first: 100 });
      const forward = await readAllPages(account.globalId, "forward", 5, orderBy);
      const backward = await readAllPages(account.globalId, "backward", 4, orderBy);
      expect(forward).toHaveLength(17);
      expect(new Set(forward).size).toBe(17);
      expect(forward).toEqual(all.data!.contacts.edges.map((edge) => edge.node.id));
      expect(backward.reverse()).toEqual(forward);
    },
  );

  it("when a contact is added before the cursor between pages, then the next page neither repeats nor skips", async () => {
    const account = await accountWithContacts(8);
    const first = await app.execute(ContactsPageDocument, { filter: { accountId: account.globalId }, first: 4 });
    const firstIds = first.data!.contacts.edges.map((edge) => edge.node.id);
    await createContact(app.dataSource, account.id, { firstName: "Aaron", lastName: "Aardvark" });
    const second = await app.execute(ContactsPageDocument, {
      filter: { accountId: account.globalId },
      first: 10,
      after: first.data!.contacts.pageInfo.endCursor,
    });
    const secondIds = second.data!.contacts.edges.map((edge) => edge.node.id);
    expect(secondIds).toHaveLength(4);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(second.data!.contacts.totalCount).toBe(9);
    expect(second.data!.contacts.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("when a cursor made for one order is used with another, then BAD_USER_INPUT names the cursor argument", async () => {
    const account = await accountWithContacts(3);
    const page = await app.execute(ContactsPageDocument, { filter: { accountId: account.globalId }, first: 1 });
    const result = await app.execute(ContactsPageDocument, {
      filter: { accountId: account.globalId },
      orderBy: [{ field: "CREATED_AT", direction: "ASC" }],
      first: 1,
      after: page.data!.contacts.pageInfo.endCursor,
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions?.field).toBe("after");
  });
});
