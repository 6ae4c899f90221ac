import { ScopedRequest } from "../../access/scoped-request";
import { PolicyRegistry } from "../policy-registry";
import { RuleSet } from "../rule-set";
import { PolicyLoaders } from "./policy.loaders";

/** What the policy resolvers need of a request's context. */
export interface PolicyRequest extends ScopedRequest {
  loaders: PolicyLoaders;
  policies: PolicyRegistry;
  /** The rule set this request started with: it finishes on it even if a newer one is swapped in meanwhile. */
  ruleSet: RuleSet;
}
