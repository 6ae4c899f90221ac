import { ClientErrorCode, RuleViolation } from "../shared/errors";

export enum OrderErrorReason {
  ILLEGAL_STATUS_TRANSITION = "ILLEGAL_STATUS_TRANSITION",
  MIXED_CURRENCIES = "MIXED_CURRENCIES",
  PLACED_IN_FUTURE = "PLACED_IN_FUTURE",
  TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfOrderErrorReason: Readonly<Record<OrderErrorReason, ClientErrorCode>> = {
  [OrderErrorReason.ILLEGAL_STATUS_TRANSITION]: ClientErrorCode.Conflict,
  [OrderErrorReason.MIXED_CURRENCIES]: ClientErrorCode.BadUserInput,
  [OrderErrorReason.PLACED_IN_FUTURE]: ClientErrorCode.BadUserInput,
  [OrderErrorReason.TOTAL_TOO_LARGE]: ClientErrorCode.BadUserInput,
};

/** The order rules a request broke, each with its client code and the field at fault. */
export class OrderError extends RuleViolation<OrderErrorReason> {
  constructor(reason: OrderErrorReason, message: string, field?: string) {
    super(reason, codeOfOrderErrorReason[reason], message, field);
  }
}
