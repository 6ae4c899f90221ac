import { ClientError, ClientErrorCode, unreachable } from "../shared/errors";

export enum TicketErrorReason {
  ILLEGAL_STATUS_TRANSITION = "ILLEGAL_STATUS_TRANSITION",
  SATISFACTION_OUT_OF_RANGE = "SATISFACTION_OUT_OF_RANGE",
  BLANK_SUBJECT = "BLANK_SUBJECT",
  CONTACT_NOT_AT_ACCOUNT = "CONTACT_NOT_AT_ACCOUNT",
}

/** The ticket rules a request broke, each with its client code and the field at fault. */
export class TicketError extends ClientError {
  constructor(
    readonly reason: TicketErrorReason,
    message: string,
    field?: string,
  ) {
    super(message, { reason, field });
  }

  get code(): ClientErrorCode {
    switch (this.reason) {
      case TicketErrorReason.ILLEGAL_STATUS_TRANSITION:
        return ClientErrorCode.Conflict;
      case TicketErrorReason.SATISFACTION_OUT_OF_RANGE:
      case TicketErrorReason.BLANK_SUBJECT:
        return ClientErrorCode.BadUserInput;
      // A contact of another account is reported like a missing one, so that its existence does not leak.
      case TicketErrorReason.CONTACT_NOT_AT_ACCOUNT:
        return ClientErrorCode.NotFound;
      default:
        return unreachable(this.reason);
    }
  }
}
