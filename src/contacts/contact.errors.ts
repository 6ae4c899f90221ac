import { ClientErrorCode, RuleViolation } from "../shared/errors";

export enum ContactErrorReason {
  EMAIL_TAKEN = "EMAIL_TAKEN",
  PRIMARY_TAKEN = "PRIMARY_TAKEN",
  REQUIRED_FIELD_CLEARED = "REQUIRED_FIELD_CLEARED",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfContactErrorReason: Readonly<Record<ContactErrorReason, ClientErrorCode>> = {
  [ContactErrorReason.EMAIL_TAKEN]: ClientErrorCode.Conflict,
  [ContactErrorReason.PRIMARY_TAKEN]: ClientErrorCode.Conflict,
  [ContactErrorReason.REQUIRED_FIELD_CLEARED]: ClientErrorCode.BadUserInput,
};

/** The contact rules a request broke, each with its client code and the field at fault. */
export class ContactError extends RuleViolation<ContactErrorReason> {
  constructor(reason: ContactErrorReason, message: string, field?: string) {
    super(reason, codeOfContactErrorReason[reason], message, field);
  }
}
