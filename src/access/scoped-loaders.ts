import DataLoader from "dataloader";
import { EntityTarget } from "typeorm";
import { DataScope } from "./data-scope";

/** A loader of rows by id: one `WHERE id = ANY($1)` per tick, results in key order (undefined when absent). */
export function loaderById<Row extends { id: string }>(fetch: (ids: ReadonlyArray<string>) => Promise<Row[]>): DataLoader<string, Row | undefined> {
  return new DataLoader(async (ids) => {
    const rowsById = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rowsById.get(id));
  });
}

/** A loader of one entity type by id; an id outside the scope loads as absent, exactly like an unknown one. */
export function entityLoaderById<Entity extends { id: string }>(scope: DataScope, entity: EntityTarget<Entity>): DataLoader<string, Entity | undefined> {
  return loaderById((ids) => scope.read((manager) => scope.select(manager, entity, "entity").andWhere("entity.id = ANY(:ids)", { ids }).getMany()));
}

/**
 * Loaders whose batch depends on field arguments (e.g. `orders(first: 10)` of many accounts):
 * one loader per distinct argument set, so parents asking the same page are batched together.
 */
export function loadersByArguments<Arguments, Key, Value>(
  create: (argumentsOfField: Arguments) => DataLoader<Key, Value>,
): (argumentsOfField: Arguments) => DataLoader<Key, Value> {
  const loaders = new Map<string, DataLoader<Key, Value>>();
  return (argumentsOfField) => {
    const cacheKey = JSON.stringify(argumentsOfField);
    let loader = loaders.get(cacheKey);
    if (!loader) {
      loader = create(argumentsOfField);
      loaders.set(cacheKey, loader);
    }
    return loader;
  };
}
