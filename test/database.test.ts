import { DataSource } from "typeorm";
import { openTestDataSource } from "./support/test-database";

describe("the migrated database", () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  it("when migrations have run, then no migration is pending", async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
