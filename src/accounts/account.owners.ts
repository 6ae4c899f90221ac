import { EntityManager } from "typeorm";
import { AccountManager } from "../account-managers/account-manager.entity";
import { Partner } from "../partners/partner.entity";
import { NotFoundError } from "../shared/errors";
import { decodeGlobalId } from "../shared/global-id";

export type ReferenceChecker = (globalId: string | null | undefined, typeName: "AccountManager" | "Partner", field: string) => Promise<string | null>;

/**
 * How one write (an account, or a whole upsert request) checks its manager and partner ids: each decoded,
 * proved to exist (asked of the database once per id), NOT_FOUND naming its field otherwise; null for none.
 */
export function referenceChecker(manager: EntityManager): ReferenceChecker {
  const known = new Map<string, Promise<boolean>>();
  return async (globalId, typeName, field) => {
    if (globalId == null) return null;
    const id = decodeGlobalId(globalId, typeName, field);
    const key = `${typeName}:${id}`;
    if (!known.has(key)) known.set(key, manager.getRepository(typeName === "Partner" ? Partner : AccountManager).exists({ where: { id } }));
    if (!(await known.get(key))) throw new NotFoundError(typeName, globalId, field);
    return id;
  };
}
