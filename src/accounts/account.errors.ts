import { ClientError, ClientErrorCode, unreachable } from "../shared/errors";

export enum AccountErrorReason {
  ILLEGAL_STATUS_CHANGE = "ILLEGAL_STATUS_CHANGE",
  PROSPECT_WITH_CUSTOMER_SINCE = "PROSPECT_WITH_CUSTOMER_SINCE",
  CONTRACT_ENDS_BEFORE_START = "CONTRACT_ENDS_BEFORE_START",
  REQUIRED_FIELD_CLEARED = "REQUIRED_FIELD_CLEARED",
}

/** The account rules a request broke, each with its client code and the field at fault. */
export class AccountError extends ClientError {
  constructor(
    readonly reason: AccountErrorReason,
    message: string,
    field?: string,
  ) {
    super(message, { reason, field });
  }

  get code(): ClientErrorCode {
    switch (this.reason) {
      case AccountErrorReason.ILLEGAL_STATUS_CHANGE:
        return ClientErrorCode.Conflict;
      case AccountErrorReason.PROSPECT_WITH_CUSTOMER_SINCE:
      case AccountErrorReason.CONTRACT_ENDS_BEFORE_START:
      case AccountErrorReason.REQUIRED_FIELD_CLEARED:
        return ClientErrorCode.BadUserInput;
      default:
        return unreachable(this.reason);
    }
  }
}
