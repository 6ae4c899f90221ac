import Ajv, { JSONSchemaType } from "ajv";
import { BucketSettings } from "./rate-limiter";
import { Role } from "./roles";

/** What one request may ask for, checked before any resolver runs. */
export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  /** Cost points: one per field, lists counted at their page size (`first`/`last`, default 20) or their largest size. */
  cost: number;
  introspection: boolean;
  /** "Did you mean …?" hints in errors, which would map the schema for a prober. */
  fieldSuggestions: boolean;
  /** The key's bucket of cost points (Shopify's model); none for internal front-ends. */
  rateLimit: BucketSettings | null;
}

/**
 * Partners get graphql-armor's defaults or stricter (depth 6, aliases 15, tokens 1,000) and Shopify's
 * 1,000-point query cost; internal front-ends and analysts run the full 360° view (about 12,200 points
 * for 50 accounts, 24,400 for 100) and may introspect.
 */
export type LimitsByRole = Readonly<Record<Role, QueryLimits>>;

export const defaultLimitsByRole: LimitsByRole = {
  [Role.PARTNER]: {
    depth: 6,
    aliases: 15,
    directives: 10,
    tokens: 1_000,
    cost: 1_000,
    introspection: false,
    fieldSuggestions: false,
    rateLimit: { capacity: 1_000, leakPerSecond: 50 },
  },
  [Role.ANALYST]: {
    depth: 10,
    aliases: 30,
    directives: 20,
    tokens: 5_000,
    cost: 50_000,
    introspection: true,
    fieldSuggestions: true,
    rateLimit: { capacity: 50_000, leakPerSecond: 2_500 },
  },
  [Role.INTERNAL]: { depth: 10, aliases: 30, directives: 20, tokens: 5_000, cost: 50_000, introspection: true, fieldSuggestions: true, rateLimit: null },
};

/** The page size a connection field is counted at when the query gives neither first nor last. */
export const defaultPageSizeForCost = 20;

/** The highest token limit of any role: Apollo's parser enforces it before anything else. */
export function parserMaxTokens(limitsByRole: LimitsByRole): number {
  return Math.max(...Object.values(limitsByRole).map((limits) => limits.tokens));
}

type LimitOverrides = Partial<Record<Role, Partial<QueryLimits>>>;

const count = { type: "integer", minimum: 1, nullable: true } as const;
const flag = { type: "boolean", nullable: true } as const;
const overridesSchema: JSONSchemaType<LimitOverrides> = {
  type: "object",
  additionalProperties: false,
  required: [],
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: fromEntries gives a string-keyed record, the schema wants each role
  properties: Object.fromEntries(
    Object.values(Role).map((role) => [
      role,
      {
        type: "object",
        nullable: true,
        additionalProperties: false,
        required: [],
        properties: {
          depth: count,
          aliases: count,
          directives: count,
          tokens: count,
          cost: count,
          introspection: flag,
          fieldSuggestions: flag,
          rateLimit: {
            type: "object",
            nullable: true,
            additionalProperties: false,
            required: ["capacity", "leakPerSecond"],
            properties: { capacity: { type: "integer", minimum: 1 }, leakPerSecond: { type: "number", exclusiveMinimum: 0 } },
          },
        },
      },
    ]),
  ) as JSONSchemaType<LimitOverrides>["properties"],
};

const validateOverrides = new Ajv({ allErrors: true }).compile(overridesSchema);

/**
 * The defaults with the operator's overrides (QUERY_LIMITS), role by role and limit by limit, e.g.
 * `{"partner": {"cost": 500, "rateLimit": {"capacity": 500, "leakPerSecond": 25}}}`; rateLimit null removes the bucket.
 * Throws, naming each wrong entry, when the overrides are not of that shape, or when a role's cost
 * limit is above its bucket's capacity.
 */
export function limitsWithOverrides(overrides: unknown): LimitsByRole {
  if (!validateOverrides(overrides)) {
    const problems = (validateOverrides.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`);
    throw new Error(`QUERY_LIMITS: ${problems.join("; ")}`);
  }
  const merged = Object.fromEntries(Object.values(Role).map((role) => [role, { ...defaultLimitsByRole[role], ...overrides[role] }])) as Record<
    Role,
    QueryLimits
  >;
  const problems = Object.values(Role).flatMap((role) => bucketProblem(role, merged[role]));
  if (problems.length > 0) throw new Error(`QUERY_LIMITS: ${problems.join("; ")}`);
  return Object.freeze(merged);
}

/**
 * A request costing more than the bucket holds could never be served: it would get 429 on every try,
 * its Retry-After a promise never kept. Such limits are refused rather than run.
 */
function bucketProblem(role: Role, limits: QueryLimits): string[] {
  if (!limits.rateLimit || limits.cost <= limits.rateLimit.capacity) return [];
  return [
    `/${role} cost ${limits.cost} is above its rateLimit capacity ${limits.rateLimit.capacity}: ` +
      `requests costing between the two would be refused with 429 forever (lower cost or raise the capacity)`,
  ];
}
