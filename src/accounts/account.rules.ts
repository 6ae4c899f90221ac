import { Account, AccountStatus } from "./account.entity";
import { AccountError, AccountErrorReason } from "./account.errors";

/** Status changes the business allows: a prospect signs, a customer leaves, a lost customer comes back. */
const allowedStatusChanges: Record<AccountStatus, AccountStatus[]> = {
  [AccountStatus.PROSPECT]: [AccountStatus.ACTIVE],
  [AccountStatus.ACTIVE]: [AccountStatus.CHURNED],
  [AccountStatus.CHURNED]: [AccountStatus.ACTIVE],
};

export function checkStatusChange(from: AccountStatus, to: AccountStatus): void {
  if (!allowedStatusChanges[from].includes(to)) {
    throw new AccountError(AccountErrorReason.ILLEGAL_STATUS_CHANGE, `An account cannot go from ${from.toUpperCase()} to ${to.toUpperCase()}`, "input.status");
  }
}

/** Prospects have no customer-since date; a customer without one became a customer today. */
export function customerSinceForStatus(status: AccountStatus, given: string | null, field: string): string | null {
  if (status === AccountStatus.PROSPECT) {
    if (given !== null) {
      throw new AccountError(AccountErrorReason.PROSPECT_WITH_CUSTOMER_SINCE, `${field}: a prospect is not a customer yet`, field);
    }
    return null;
  }
  return given ?? new Date().toISOString().slice(0, 10);
}

export function checkAccountRules(account: Account): void {
  if (account.contractEndsOn !== null && account.contractStartsOn !== null && account.contractEndsOn < account.contractStartsOn) {
    throw new AccountError(
      AccountErrorReason.CONTRACT_ENDS_BEFORE_START,
      "input.contract.endsOn: the contract cannot end before it starts",
      "input.contract.endsOn",
    );
  }
}
