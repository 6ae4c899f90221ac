/** The codes a client sees in `extensions.code`; they are part of the API contract. */
export enum ClientErrorCode {
  BadUserInput = "BAD_USER_INPUT",
  NotFound = "NOT_FOUND",
  Conflict = "CONFLICT",
  Forbidden = "FORBIDDEN",
}

export interface ClientErrorDetails {
  /** The argument or input field at fault, as the client wrote it (e.g. `input.lines[2].quantity`). */
  field?: string;
  /** A machine-readable reason within the code (e.g. `ILLEGAL_STATUS_TRANSITION`). */
  reason?: string;
}

/**
 * An error whose message is written for the client. Every domain error extends it;
 * anything else reaching the client is reported as an internal error without its message.
 */
export abstract class ClientError extends Error {
  abstract readonly code: ClientErrorCode;

  constructor(
    message: string,
    readonly details: ClientErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends ClientError {
  readonly code = ClientErrorCode.BadUserInput;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { field });
  }
}

export class NotFoundError extends ClientError {
  readonly code = ClientErrorCode.NotFound;

  constructor(typeName: string, id: string, field?: string) {
    super(`No ${typeName} with id "${id}"`, { field });
  }
}

export class ConflictError extends ClientError {
  readonly code = ClientErrorCode.Conflict;

  constructor(message: string, reason: string) {
    super(message, { reason });
  }
}

/** The caller's role may not use a field, an argument or an input value. */
export class ForbiddenError extends ClientError {
  readonly code = ClientErrorCode.Forbidden;

  constructor(message: string, field?: string) {
    super(message, { field });
  }
}

/**
 * A business rule a request broke, the one family of the domains' errors: each domain names its
 * reasons in an enum and gives each its client code as data (`Record<Reason, ClientErrorCode>`).
 */
export class RuleViolation<Reason extends string> extends ClientError {
  constructor(
    readonly reason: Reason,
    readonly code: ClientErrorCode,
    message: string,
    field?: string,
  ) {
    super(message, { reason, field });
  }
}
