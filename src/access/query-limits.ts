import Ajv, { JSONSchemaType } from "ajv";
import { BucketSettings } from "./rate-limiter";
import { Role } from "./roles";

/** What one request may ask for, checked before any resolver runs. */
export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  /** Cost points: one per object, lists counted at their page size (`first`/`last`, default 20). */
  cost: number;
  introspection: boolean;
  /** "Did you mean …?" hints in errors, which would map the schema for a prober. */
  fieldSuggestions: boolean;
  /** The key's bucket of cost points (Shopify's model); none for internal front-ends. */
  rateLimit: BucketSettings | null;
}

/**
 * Partners get graphql-armor's defaults or stricter (depth 6, aliases 15, tokens 1,000) and Shopify's
 * 1,000-point query cost; internal front-ends and analysts run the full 360° view (about 24,400 points
 * for 50 accounts) and may introspect.
 */
export type LimitsByRole = Readonly<Record<Role, QueryLimits>>;

export const defaultLimitsByRole: LimitsByRole = {
  [Role.PARTNER]: {
    depth: 6, aliases: 15, directives: 10, tokens: 1_000, cost: 1_000, introspection: false, fieldSuggestions: false,
    rateLimit: { capacity: 1_000, leakPerSecond: 50 },
  },
  [Role.ANALYST]: {
    depth: 10, aliases: 30, directives: 20, tokens: 5_000, cost: 50_000, introspection: true, fieldSuggestions: true,
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
  properties: Object.fromEntries(
    Object.values(Role).map((role) => [
      role,
      {
        type: "object",
        nullable: true,
        additionalProperties: false,
        required: [],
        properties: {
          depth: count, aliases: count, directives: count, tokens: count, cost: count, introspection: flag, fieldSuggestions: flag,
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
 * Throws, naming each wrong entry, when the overrides are not of that shape.
 */
export function limitsWithOverrides(overrides: unknown): LimitsByRole {
  if (!validateOverrides(overrides)) {
    const problems = (validateOverrides.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`);
    throw new Error(`QUERY_LIMITS: ${problems.join("; ")}`);
  }
  const merged = Object.fromEntries(
    Object.values(Role).map((role) => [role, { ...defaultLimitsByRole[role], ...overrides[role] }]),
  ) as Record<Role, QueryLimits>;
  return Object.freeze(merged);
}
