import { DataSource, EntityManager, EntityTarget, ObjectLiteral, ReplicationMode, SelectQueryBuilder } from "typeorm";
import { AccountManager } from "../account-managers/account-manager.entity";
import { Account } from "../accounts/account.entity";
import { Contact } from "../contacts/contact.entity";
import { partnerDatabaseRole } from "../database/migrations/1764200000000-partner-row-security";
import { OrderLine } from "../orders/order-line.entity";
import { Order } from "../orders/order.entity";
import { Partner } from "../partners/partner.entity";
import { Ticket } from "../tickets/ticket.entity";
import { AssessmentSummary } from "../policies/graphql/assessment-summary.entity";
import { Caller, PersonalDataAccess, fullPersonalDataAccess } from "./roles";

type Work<Result> = (manager: EntityManager) => Promise<Result>;

/**
 * What one request may reach of the graph, and how its statements run. Every service reads and
 * writes through it, so no resolver has to remember the partner: staff see the whole graph;
 * a partner sees its own accounts and what hangs off them, twice over: the application adds the
 * partner condition to every query (`select`, `accountCondition`), and the database enforces
 * the same rows with row-level security in every transaction the scope opens (`read`, `transaction`).
 */
export interface DataScope {
  /** The partner whose accounts are visible, or null for the whole graph. */
  readonly partnerId: string | null;
  /** Personal data shown in clear; what is not is masked, and never searched. */
  readonly personalData: PersonalDataAccess;
  /** Runs reads; a partner's run in a transaction of their own with the partner's database role. */
  read<Result>(work: Work<Result>): Promise<Result>;
  /**
   * Sends the reads that follow to the primary, not to a replica: a mutation's results must show its
   * own writes, which a replica may not have yet. Reads in a transaction (a partner's) are there already.
   */
  readFromPrimary(): void;
  /** Runs writes in one transaction, all or nothing. */
  transaction<Result>(work: Work<Result>): Promise<Result>;
  /** A query of `entity` limited to the rows this scope may see. */
  select<Entity extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<Entity>, alias: string): SelectQueryBuilder<Entity>;
  /** A raw SQL condition limiting an account id column to visible accounts; its parameter is appended to `parameters`. */
  accountCondition(accountIdColumn: string, parameters: unknown[]): string;
}

export function createDataScope(dataSource: DataSource, caller: Pick<Caller, "partnerId" | "personalData">): DataScope {
  return caller.partnerId === null ? wholeGraphScope(dataSource) : partnerScope(dataSource, caller.partnerId, caller.personalData);
}

/** Staff and the policy layer's own work: the whole graph, reads on a replica if there is one. */
export function wholeGraphScope(dataSource: DataSource): DataScope {
  let readsOnPrimary = false;
  return {
    partnerId: null,
    personalData: fullPersonalDataAccess,
    read: (work) => onConnection(dataSource, readsOnPrimary ? "master" : "slave", work),
    readFromPrimary: () => {
      readsOnPrimary = true;
    },
    transaction: (work) => dataSource.transaction(work),
    select: (manager, entity, alias) => manager.getRepository(entity).createQueryBuilder(alias),
    accountCondition: () => "TRUE",
  };
}

export function partnerScope(dataSource: DataSource, partnerId: string, personalData: PersonalDataAccess): DataScope {
  const asPartner = <Result>(work: Work<Result>) =>
    dataSource.transaction(async (manager) => {
      await actAsPartner(manager, partnerId);
      return work(manager);
    });
  return { ...partnerFilter(partnerId, personalData), read: asPartner, readFromPrimary: () => undefined, transaction: asPartner };
}

/**
 * One connection for the work, on a replica ("slave", the primary when there are none) or on the primary:
 * each statement on its own would pick for itself (TypeORM sends query builders to a replica, raw SQL to
 * the primary), and a request would mix what two databases say.
 */
async function onConnection<Result>(dataSource: DataSource, mode: ReplicationMode, work: Work<Result>): Promise<Result> {
  const runner = dataSource.createQueryRunner(mode);
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

/**
 * The same scope inside one transaction that spans the whole request (an idempotent mutation: its
 * writes and its stored response commit together). Reads see the request's own writes; each write
 * is a savepoint; a partner's role and setting hold for the whole transaction.
 */
export async function scopeInRequestTransaction(manager: EntityManager, caller: Pick<Caller, "partnerId" | "personalData">): Promise<DataScope> {
  const inTransaction = {
    read: <Result>(work: Work<Result>) => work(manager),
    readFromPrimary: () => undefined,
    transaction: <Result>(work: Work<Result>) => manager.transaction(work),
  };
  if (caller.partnerId === null) return { ...wholeGraphScope(manager.connection), ...inTransaction };
  await actAsPartner(manager, caller.partnerId);
  return { ...partnerFilter(caller.partnerId, caller.personalData), ...inTransaction };
}

/** Both settings end with the transaction: a pooled connection never carries them to the next request. */
async function actAsPartner(manager: EntityManager, partnerId: string): Promise<void> {
  await manager.query(`SELECT set_config('role', $1, true), set_config('app.partner_id', $2, true)`, [partnerDatabaseRole, partnerId]);
}

function partnerFilter(partnerId: string, personalData: PersonalDataAccess): Omit<DataScope, "read" | "readFromPrimary" | "transaction"> {
  return {
    partnerId,
    personalData,
    select: (manager, entity, alias) => {
      const condition = partnerRowCondition(entity, alias);
      return manager.getRepository(entity).createQueryBuilder(alias).where(condition, { scopePartnerId: partnerId });
    },
    accountCondition: (column, parameters) => `${column} IN (SELECT id FROM accounts WHERE partner_id = $${parameters.push(partnerId)})`,
  };
}

const ownAccountIds = "SELECT visible_account.id FROM accounts visible_account WHERE visible_account.partner_id = :scopePartnerId";

/** The application's partner filter per entity; an entity without one is refused, never served whole. */
function partnerRowCondition(entity: EntityTarget<ObjectLiteral>, alias: string): string {
  switch (entity) {
    case Account:
      return `${alias}.partner_id = :scopePartnerId`;
    case Contact:
    case Order:
    case Ticket:
    case AssessmentSummary:
      return `${alias}.account_id IN (${ownAccountIds})`;
    case OrderLine:
      return `${alias}.order_id IN (SELECT visible_order.id FROM orders visible_order WHERE visible_order.account_id IN (${ownAccountIds}))`;
    case Partner:
      return `${alias}.id = :scopePartnerId`;
    case AccountManager:
      return `${alias}.id IN (SELECT visible_account.account_manager_id FROM accounts visible_account WHERE visible_account.partner_id = :scopePartnerId)`;
    default:
      throw new Error(`No partner filter is defined for ${entityName(entity)}`);
  }
}

/** A class's name, not its source text, which is what String() gives for a class. */
function entityName(entity: EntityTarget<ObjectLiteral>): string {
  if (typeof entity === "string") return entity;
  if (typeof entity === "function") return entity.name;
  return "name" in entity ? entity.name : entity.options.name;
}
