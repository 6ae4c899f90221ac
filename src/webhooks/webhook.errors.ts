import { ClientErrorCode, RuleViolation } from "../shared/errors";

export enum WebhookErrorReason {
  INVALID_URL = "INVALID_URL",
  NO_EVENT_TYPES = "NO_EVENT_TYPES",
  UNKNOWN_EVENT_TYPE = "UNKNOWN_EVENT_TYPE",
  EVENT_TYPE_NOT_FOR_PARTNERS = "EVENT_TYPE_NOT_FOR_PARTNERS",
  DELIVERY_PENDING = "DELIVERY_PENDING",
  SUBSCRIPTION_DISABLED = "SUBSCRIPTION_DISABLED",
}

/** The client code of each reason: a reason left out does not compile. */
const codeOfWebhookErrorReason: Readonly<Record<WebhookErrorReason, ClientErrorCode>> = {
  [WebhookErrorReason.INVALID_URL]: ClientErrorCode.BadUserInput,
  [WebhookErrorReason.NO_EVENT_TYPES]: ClientErrorCode.BadUserInput,
  [WebhookErrorReason.UNKNOWN_EVENT_TYPE]: ClientErrorCode.BadUserInput,
  [WebhookErrorReason.EVENT_TYPE_NOT_FOR_PARTNERS]: ClientErrorCode.BadUserInput,
  [WebhookErrorReason.DELIVERY_PENDING]: ClientErrorCode.Conflict,
  [WebhookErrorReason.SUBSCRIPTION_DISABLED]: ClientErrorCode.Conflict,
};

/** The webhook rules a request broke, each with its client code and the field at fault. */
export class WebhookError extends RuleViolation<WebhookErrorReason> {
  constructor(reason: WebhookErrorReason, message: string, field?: string) {
    super(reason, codeOfWebhookErrorReason[reason], message, field);
  }
}
