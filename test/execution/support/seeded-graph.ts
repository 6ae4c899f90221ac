import { DataSource } from "typeorm";
import { Partner } from "../../../src/partners/partner.entity";
import { encodeGlobalId } from "../../../src/shared/global-id";
import { reassessAccounts } from "../../../src/policies/reassessment";
import { RuleSet } from "../../../src/policies/rule-set";
import { seedCustomerGraph } from "../../../src/seed/seed-customer-graph";

export interface SeededGraph {
  /** The global ids of the seed's accounts. */
  accountIds: string[];
  /** The seed's two partners: one whose agreement shares contacts' emails and phones, one that shares neither. */
  sharingPartner: Partner;
  privatePartner: Partner;
  /** Deletes what the seed added: other test files share the database. */
  remove(): Promise<void>;
}

const seededTables = ["partners", "account_managers", "accounts"] as const;

/** A small realistic graph (the seed's accounts, contacts, orders and tickets), with its accounts assessed. */
export async function seedSmallGraph(dataSource: DataSource, ruleSet: RuleSet, accounts: number): Promise<SeededGraph> {
  const before = await idsByTable(dataSource);
  await seedCustomerGraph(dataSource, { accounts, seed: 7, referenceDate: new Date("2026-06-30T00:00:00.000Z") });
  const after = await idsByTable(dataSource);
  const added = Object.fromEntries(seededTables.map((table) => [table, after[table].filter((id) => !before[table].includes(id))])) as Record<
    (typeof seededTables)[number],
    string[]
  >;
  await dataSource.transaction((manager) => reassessAccounts(manager, added.accounts, ruleSet));
  const partners = dataSource.getRepository(Partner);
  const [sharing, withheld] = await partners.findBy(added.partners.map((id) => ({ id })));
  await partners.update(sharing.id, { sharesContactEmail: true, sharesContactPhone: true });
  await partners.update(withheld.id, { sharesContactEmail: false, sharesContactPhone: false });
  return {
    accountIds: added.accounts.map((id) => encodeGlobalId("Account", id)),
    sharingPartner: { ...sharing, sharesContactEmail: true, sharesContactPhone: true } as Partner,
    privatePartner: { ...withheld, sharesContactEmail: false, sharesContactPhone: false } as Partner,
    async remove() {
      const accountIds = [added.accounts];
      await dataSource.query("DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE account_id = ANY($1))", accountIds);
      for (const table of ["orders", "tickets", "contacts"]) await dataSource.query(`DELETE FROM ${table} WHERE account_id = ANY($1)`, accountIds);
      for (const table of seededTables.slice().reverse()) await dataSource.query(`DELETE FROM ${table} WHERE id = ANY($1)`, [added[table]]);
    },
  };
}

async function idsByTable(dataSource: DataSource): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    seededTables.map(async (table) => {
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM ${table}`);
      return [table, rows.map((row) => row.id)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
