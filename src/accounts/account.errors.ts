import { ClientErrorCode, RuleViolation } from "../shared/errors";

export enum AccountErrorReason {
  ILLEGAL_STATUS_CHANGE = "ILLEGAL_STATUS_CHANGE",
  PROSPECT_WITH_CUSTOMER_SINCE = "PROSPECT_WITH_CUSTOMER_SINCE",
  CONTRACT_ENDS_BEFORE_START = "CONTRACT_ENDS_BEFORE_START",
  REQUIRED_FIELD_CLEARED = "REQUIRED_FIELD_CLEARED",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfAccountErrorReason: Readonly<Record<AccountErrorReason, ClientErrorCode>> = {
  [AccountErrorReason.ILLEGAL_STATUS_CHANGE]: ClientErrorCode.Conflict,
  [AccountErrorReason.PROSPECT_WITH_CUSTOMER_SINCE]: ClientErrorCode.BadUserInput,
  [AccountErrorReason.CONTRACT_ENDS_BEFORE_START]: ClientErrorCode.BadUserInput,
  [AccountErrorReason.REQUIRED_FIELD_CLEARED]: ClientErrorCode.BadUserInput,
};

/** The account rules a request broke, each with its client code and the field at fault. */
export class AccountError extends RuleViolation<AccountErrorReason> {
  constructor(reason: AccountErrorReason, message: string, field?: string) {
    super(reason, codeOfAccountErrorReason[reason], message, field);
  }
}
