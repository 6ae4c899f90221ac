import { DataScope } from "../access/data-scope";
import { entityLoaderById } from "../access/scoped-loaders";
import { Partner } from "./partner.entity";

export function createPartnerLoaders(scope: DataScope) {
  return { partnerById: entityLoaderById(scope, Partner) };
}

export type PartnerLoaders = ReturnType<typeof createPartnerLoaders>;
