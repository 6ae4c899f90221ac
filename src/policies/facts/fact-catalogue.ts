/**
 * The facts rule files may use: what each one means, its type and unit, and which policy families
 * see it. The SQL that computes them lives beside this file; the validator, the JSON Schema of the
 * rule files and rules/FACTS.md are all derived from this list, so they cannot drift apart.
 */

export type FactType = "number" | "integer" | "boolean" | "text";

/** Who a fact describes: every family sees account facts; only service priority sees ticket facts. */
export type FactSubject = "account" | "ticket";

/**
 * A fact whose values are the names a rule file declares (the tiers, the lifecycle stages),
 * rather than a fixed list.
 */
export type DeclaredValues = "tiers" | "lifecycleStages";

export interface FactDefinition {
  name: string;
  type: FactType;
  unit: string;
  description: string;
  subject: FactSubject;
  /** True when the fact can be unknown (null); every comparison with an unknown number is false. */
  nullable: boolean;
  /** The values a number fact can take, in its unit: a rule comparing it with a value outside them is refused. */
  range?: { min?: number; max?: number };
  /** The allowed values of a text fact: a fixed list, or the names a rule file declares. */
  values?: readonly string[] | DeclaredValues;
  /** Facts that are the output of another family, available only to the families evaluated after it. */
  producedBy?: "tiering";
}

const accountStatuses = ["prospect", "active", "churned"] as const;
const ticketCategories = ["question", "request", "incident", "complaint", "return"] as const;
const ticketSeverities = ["low", "medium", "high", "critical"] as const;
const ticketChannels = ["email", "phone", "chat", "web", "social", "partner"] as const;

export const factCatalogue: readonly FactDefinition[] = [
  {
    name: "accountStatus",
    type: "text",
    unit: "status",
    subject: "account",
    nullable: false,
    values: accountStatuses,
    description: "The account's status: prospect (never paid), active, or churned.",
  },
  {
    name: "customerAgeDays",
    type: "integer",
    unit: "days",
    range: { min: 0 },
    subject: "account",
    nullable: true,
    description: "Days since the account became a paying customer. Unknown for prospects.",
  },
  {
    name: "daysSinceLastOrder",
    type: "integer",
    unit: "days",
    range: { min: 0 },
    subject: "account",
    nullable: true,
    description: "Days since the last order that was not cancelled (recency). Unknown when the account never ordered.",
  },
  {
    name: "orders12m",
    type: "integer",
    unit: "orders",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Orders placed in the last 12 months, cancelled ones left out (frequency).",
  },
  {
    name: "revenue12m",
    type: "number",
    unit: "USD",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Revenue of the last 12 months in US dollars: orders neither cancelled nor returned (monetary value).",
  },
  {
    name: "lifetimeRevenue",
    type: "number",
    unit: "USD",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Revenue since the account's first order, in US dollars, cancelled and returned orders left out.",
  },
  {
    name: "averageOrderValue",
    type: "number",
    unit: "USD",
    range: { min: 0 },
    subject: "account",
    nullable: true,
    description: "Lifetime revenue divided by the orders it came from. Unknown when the account never ordered.",
  },
  {
    name: "returnRate12m",
    type: "number",
    unit: "ratio 0 to 1",
    range: { min: 0, max: 1 },
    subject: "account",
    nullable: true,
    description: "Share of the last 12 months' orders (cancelled ones left out) that were returned. Unknown without orders.",
  },
  {
    name: "openTickets",
    type: "integer",
    unit: "tickets",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Tickets waiting on us or on the customer (open or pending): the current cost to serve.",
  },
  {
    name: "openComplaints",
    type: "integer",
    unit: "tickets",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Open or pending tickets of the complaint category.",
  },
  {
    name: "tickets90d",
    type: "integer",
    unit: "tickets",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Tickets opened in the last 90 days, of any category.",
  },
  {
    name: "complaints90d",
    type: "integer",
    unit: "tickets",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Complaints opened in the last 90 days.",
  },
  {
    name: "satisfaction90d",
    type: "number",
    unit: "score 1 to 5",
    range: { min: 1, max: 5 },
    subject: "account",
    nullable: true,
    description: "Average satisfaction of the tickets closed in the last 90 days. Unknown when none was scored.",
  },
  {
    name: "revenueTrend",
    type: "number",
    unit: "ratio",
    range: { min: 0 },
    subject: "account",
    nullable: true,
    description:
      "Revenue of the last 90 days divided by that of the 90 days before: 1 is flat, 0.5 halved, 2 doubled. Unknown when the earlier 90 days had no revenue.",
  },
  {
    name: "contractEndsInDays",
    type: "integer",
    unit: "days",
    subject: "account",
    nullable: true,
    description: "Days until the contract ends (negative once it has ended). Unknown without a contract or with an open-ended one.",
  },
  { name: "autoRenew", type: "boolean", unit: "yes/no", subject: "account", nullable: false, description: "Whether the contract renews by itself." },
  {
    name: "loyaltyPoints",
    type: "integer",
    unit: "points",
    range: { min: 0 },
    subject: "account",
    nullable: false,
    description: "Loyalty points the account holds (and would lose by leaving).",
  },
  {
    name: "hasAccountManager",
    type: "boolean",
    unit: "yes/no",
    subject: "account",
    nullable: false,
    description: "Whether a named account manager looks after the account (a personal relationship).",
  },
  {
    name: "hasPartner",
    type: "boolean",
    unit: "yes/no",
    subject: "account",
    nullable: false,
    description: "Whether a partner (reseller or service partner) serves the account.",
  },
  {
    name: "accountTier",
    type: "text",
    unit: "tier",
    subject: "account",
    nullable: false,
    values: "tiers",
    producedBy: "tiering",
    description: "The tier the tiering rules gave the account. For service priority and retention only.",
  },
  {
    name: "lifecycleStage",
    type: "text",
    unit: "stage",
    subject: "account",
    nullable: false,
    values: "lifecycleStages",
    producedBy: "tiering",
    description: "The lifecycle stage the tiering rules gave the account. For service priority and retention only.",
  },
  { name: "category", type: "text", unit: "category", subject: "ticket", nullable: false, values: ticketCategories, description: "The ticket's category." },
  {
    name: "severity",
    type: "text",
    unit: "severity",
    subject: "ticket",
    nullable: false,
    values: ticketSeverities,
    description: "The severity the customer stated.",
  },
  { name: "channel", type: "text", unit: "channel", subject: "ticket", nullable: false, values: ticketChannels, description: "Where the ticket came in." },
  {
    name: "hoursOpen",
    type: "number",
    unit: "hours",
    range: { min: 0 },
    subject: "ticket",
    nullable: false,
    description: "Hours since the ticket was opened.",
  },
];

export const factsByName: ReadonlyMap<string, FactDefinition> = new Map(factCatalogue.map((fact) => [fact.name, fact]));

/** The facts of one account, by catalogue name (account facts only; tier and stage are added after tiering). */
export interface AccountFacts {
  accountStatus: string;
  customerAgeDays: number | null;
  daysSinceLastOrder: number | null;
  orders12m: number;
  revenue12m: number;
  lifetimeRevenue: number;
  averageOrderValue: number | null;
  returnRate12m: number | null;
  openTickets: number;
  openComplaints: number;
  tickets90d: number;
  complaints90d: number;
  satisfaction90d: number | null;
  revenueTrend: number | null;
  contractEndsInDays: number | null;
  autoRenew: boolean;
  loyaltyPoints: number;
  hasAccountManager: boolean;
  hasPartner: boolean;
}

/** The ticket's own facts; service priority sees them together with its account's facts and tier. */
export interface TicketFacts {
  category: string;
  severity: string;
  channel: string;
  hoursOpen: number;
}

/** What any engine run receives: plain values by fact name. */
export type FactValues = Readonly<Record<string, string | number | boolean | null>>;
