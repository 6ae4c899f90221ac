import { ClientErrorCode, RuleViolation } from "../../shared/errors";

export enum RulePublicationErrorReason {
  RULE_DRAFT_NOT_FOUND = "RULE_DRAFT_NOT_FOUND",
  RULE_DRAFT_INVALID = "RULE_DRAFT_INVALID",
  RULE_DRAFT_CLOSED = "RULE_DRAFT_CLOSED",
  RULE_DRAFT_CONFLICT = "RULE_DRAFT_CONFLICT",
  RULE_REVIEW_REQUIRED = "RULE_REVIEW_REQUIRED",
  RULE_SELF_APPROVAL = "RULE_SELF_APPROVAL",
  RULE_VERSION_NOT_FOUND = "RULE_VERSION_NOT_FOUND",
  RULE_FAMILY_UNKNOWN = "RULE_FAMILY_UNKNOWN",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfReason: Readonly<Record<RulePublicationErrorReason, ClientErrorCode>> = {
  [RulePublicationErrorReason.RULE_DRAFT_NOT_FOUND]: ClientErrorCode.NotFound,
  [RulePublicationErrorReason.RULE_DRAFT_INVALID]: ClientErrorCode.BadUserInput,
  [RulePublicationErrorReason.RULE_DRAFT_CLOSED]: ClientErrorCode.Conflict,
  [RulePublicationErrorReason.RULE_DRAFT_CONFLICT]: ClientErrorCode.Conflict,
  [RulePublicationErrorReason.RULE_REVIEW_REQUIRED]: ClientErrorCode.Conflict,
  [RulePublicationErrorReason.RULE_SELF_APPROVAL]: ClientErrorCode.Forbidden,
  [RulePublicationErrorReason.RULE_VERSION_NOT_FOUND]: ClientErrorCode.NotFound,
  [RulePublicationErrorReason.RULE_FAMILY_UNKNOWN]: ClientErrorCode.BadUserInput,
};

/** A step of drafting, reviewing, publishing or rolling back rules that was refused, with its reason. */
export class RulePublicationError extends RuleViolation<RulePublicationErrorReason> {
  constructor(reason: RulePublicationErrorReason, message: string, field?: string) {
    super(reason, codeOfReason[reason], message, field);
  }
}
