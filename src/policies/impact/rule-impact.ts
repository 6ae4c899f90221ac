/**
 * What a draft would change, decision by decision: the shape the GraphQL API (RuleImpact) and
 * `rules:impact` both give. Plain data, so that the same result serves both.
 */
export interface RuleImpact {
  accounts: number;
  openTickets: number;
  /** Accounts with at least one decision changed, their own or one of their open tickets'. */
  accountsChanged: number;
  /** accountsChanged / accounts, 0 to 1 (0 when there are no accounts). */
  changedShare: number;
  /** Plain words when changedShare is above the warning share; null otherwise. */
  warning: string | null;
  decisions: DecisionImpact[];
}

export interface DecisionImpact {
  family: string;
  /** tier, lifecycle stage, risk, let go, signal <x>, barrier <x>, action <x>, priority level, lane, first response due, resolution due */
  decision: string;
  /** The accounts (or, for the service-priority decisions, the open tickets) compared. */
  total: number;
  changed: number;
  /** Every value met, today or in the draft, in the order the rule files declare them: the matrix's rows and columns. */
  values: string[];
  /** The from -> to matrix, its non-zero cells only (the unchanged diagonal included), in the decision's declared order. */
  cells: ImpactCell[];
  examples: ImpactExample[];
}

export interface ImpactCell {
  from: string;
  to: string;
  count: number;
}

export interface ImpactExample {
  /** The account's global id (Account.id): what account(id) and rules:explain take. */
  accountId: string;
  /** The account's name, or "ticket <id> of <account name>". */
  subject: string;
  from: string;
  to: string;
}
