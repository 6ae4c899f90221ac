import { DataSource, EntityManager, EntityTarget, ObjectLiteral, ReplicationMode, SelectQueryBuilder } from "typeorm";
import { partnerDatabaseRole } from "../database/migrations/1764200000000-partner-row-security";
import { Caller, PersonalDataAccess, fullPersonalDataAccess } from "./roles";

type Work<Result> = (manager: EntityManager) => Promise<Result>;

/**
 * How a partner's rows of one entity are found: a SQL condition on the query's alias, with the partner's
 * id as `:scopePartnerId`. The composition layer writes one per entity (src/graphql/partner-conditions.ts):
 * the data scope knows no domain, and an entity without a condition is refused, never served whole.
 */
export type PartnerCondition = (alias: string) => string;
export type PartnerConditions = ReadonlyMap<EntityTarget<ObjectLiteral>, PartnerCondition>;

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

type ScopedCaller = Pick<Caller, "partnerId" | "personalData">;

export function createDataScope(dataSource: DataSource, caller: ScopedCaller, conditions: PartnerConditions): DataScope {
  return caller.partnerId === null ? wholeGraphScope(dataSource) : partnerScope(dataSource, { ...caller, partnerId: caller.partnerId }, conditions);
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

export function partnerScope(dataSource: DataSource, caller: PartnerCaller, conditions: PartnerConditions): DataScope {
  const { partnerId } = caller;
  const asPartner = <Result>(work: Work<Result>) =>
    dataSource.transaction(async (manager) => {
      await actAsPartner(manager, partnerId);
      return work(manager);
    });
  return { ...partnerFilter(caller, conditions), read: asPartner, readFromPrimary: () => undefined, transaction: asPartner };
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
export async function scopeInRequestTransaction(manager: EntityManager, caller: ScopedCaller, conditions: PartnerConditions): Promise<DataScope> {
  const inTransaction = {
    read: <Result>(work: Work<Result>) => work(manager),
    readFromPrimary: () => undefined,
    transaction: <Result>(work: Work<Result>) => manager.transaction(work),
  };
  if (caller.partnerId === null) return { ...wholeGraphScope(manager.connection), ...inTransaction };
  await actAsPartner(manager, caller.partnerId);
  return { ...partnerFilter({ ...caller, partnerId: caller.partnerId }, conditions), ...inTransaction };
}

/** Both settings end with the transaction: a pooled connection never carries them to the next request. */
async function actAsPartner(manager: EntityManager, partnerId: string): Promise<void> {
  await manager.query(`SELECT set_config('role', $1, true), set_config('app.partner_id', $2, true)`, [partnerDatabaseRole, partnerId]);
}

interface PartnerCaller {
  partnerId: string;
  personalData: PersonalDataAccess;
}

function partnerFilter({ partnerId, personalData }: PartnerCaller, conditions: PartnerConditions): Omit<DataScope, "read" | "readFromPrimary" | "transaction"> {
  return {
    partnerId,
    personalData,
    select: (manager, entity, alias) => {
      const condition = partnerRowCondition(conditions, entity, alias);
      return manager.getRepository(entity).createQueryBuilder(alias).where(condition, { scopePartnerId: partnerId });
    },
    accountCondition: (column, parameters) => `${column} IN (SELECT id FROM accounts WHERE partner_id = $${parameters.push(partnerId)})`,
  };
}

/** The application's partner filter of an entity; an entity without one is refused, never served whole. */
function partnerRowCondition(conditions: PartnerConditions, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const condition = conditions.get(entity);
  if (!condition) throw new Error(`No partner filter is defined for ${entityName(entity)}`);
  return condition(alias);
}

/** A class's name, not its source text, which is what String() gives for a class. */
function entityName(entity: EntityTarget<ObjectLiteral>): string {
  if (typeof entity === "string") return entity;
  if (typeof entity === "function") return entity.name;
  return "name" in entity ? entity.name : entity.options.name;
}
