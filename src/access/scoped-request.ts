import { PayloadRequest } from "../shared/mutation-payload";
import { DataScope } from "./data-scope";
import { Caller } from "./roles";

/**
 * What every request's context carries, whatever the domain. Each domain's resolvers declare the rest they
 * need (their loaders, the policy port) in their own `*.context.ts`; the composition layer builds one
 * context that is all of them (src/graphql/request-context.ts).
 */
export interface ScopedRequest extends PayloadRequest {
  /** Who is calling, from the request's API key. */
  caller: Caller;
  /** What of the graph the caller may reach; every service reads and writes through it. */
  scope: DataScope;
}
