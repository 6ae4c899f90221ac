import { ClientError, ClientErrorCode, unreachable } from "../shared/errors";

export enum OrderErrorReason {
  ILLEGAL_STATUS_TRANSITION = "ILLEGAL_STATUS_TRANSITION",
  MIXED_CURRENCIES = "MIXED_CURRENCIES",
  PLACED_IN_FUTURE = "PLACED_IN_FUTURE",
  TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE",
}

export class OrderError extends ClientError {
  constructor(
    readonly reason: OrderErrorReason,
    message: string,
    field?: string,
  ) {
    super(message, { reason, field });
  }

  get code(): ClientErrorCode {
    switch (this.reason) {
      case OrderErrorReason.ILLEGAL_STATUS_TRANSITION:
        return ClientErrorCode.Conflict;
      case OrderErrorReason.MIXED_CURRENCIES:
      case OrderErrorReason.PLACED_IN_FUTURE:
      case OrderErrorReason.TOTAL_TOO_LARGE:
        return ClientErrorCode.BadUserInput;
      default:
        return unreachable(this.reason);
    }
  }
}
