import { ClientErrorCode, RuleViolation } from "../shared/errors";

export enum TicketErrorReason {
  ILLEGAL_STATUS_TRANSITION = "ILLEGAL_STATUS_TRANSITION",
  SATISFACTION_OUT_OF_RANGE = "SATISFACTION_OUT_OF_RANGE",
  BLANK_SUBJECT = "BLANK_SUBJECT",
  CONTACT_NOT_AT_ACCOUNT = "CONTACT_NOT_AT_ACCOUNT",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfTicketErrorReason: Readonly<Record<TicketErrorReason, ClientErrorCode>> = {
  [TicketErrorReason.ILLEGAL_STATUS_TRANSITION]: ClientErrorCode.Conflict,
  [TicketErrorReason.SATISFACTION_OUT_OF_RANGE]: ClientErrorCode.BadUserInput,
  [TicketErrorReason.BLANK_SUBJECT]: ClientErrorCode.BadUserInput,
  [TicketErrorReason.CONTACT_NOT_AT_ACCOUNT]: ClientErrorCode.NotFound,
};

/** The ticket rules a request broke, each with its client code and the field at fault. */
export class TicketError extends RuleViolation<TicketErrorReason> {
  constructor(reason: TicketErrorReason, message: string, field?: string) {
    super(reason, codeOfTicketErrorReason[reason], message, field);
  }
}
