import { ClientError, ClientErrorCode, unreachable } from "../shared/errors";

export enum ContactErrorReason {
  EMAIL_TAKEN = "EMAIL_TAKEN",
  PRIMARY_TAKEN = "PRIMARY_TAKEN",
  REQUIRED_FIELD_CLEARED = "REQUIRED_FIELD_CLEARED",
}

/** The contact rules a request broke, each with its client code and the field at fault. */
export class ContactError extends ClientError {
  constructor(
    readonly reason: ContactErrorReason,
    message: string,
    field?: string,
  ) {
    super(message, { reason, field });
  }

  get code(): ClientErrorCode {
    switch (this.reason) {
      case ContactErrorReason.EMAIL_TAKEN:
      case ContactErrorReason.PRIMARY_TAKEN:
        return ClientErrorCode.Conflict;
      case ContactErrorReason.REQUIRED_FIELD_CLEARED:
        return ClientErrorCode.BadUserInput;
      default:
        return unreachable(this.reason);
    }
  }
}
