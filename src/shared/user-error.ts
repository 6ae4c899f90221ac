import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ClientError, ClientErrorCode } from "./errors";

/** The client error codes under their own names: GraphQL names an enum's values by the TypeScript keys. */
export enum UserErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  FORBIDDEN = "FORBIDDEN",
}

const userErrorCodes: Readonly<Record<ClientErrorCode, UserErrorCode>> = {
  [ClientErrorCode.BadUserInput]: UserErrorCode.BAD_USER_INPUT,
  [ClientErrorCode.NotFound]: UserErrorCode.NOT_FOUND,
  [ClientErrorCode.Conflict]: UserErrorCode.CONFLICT,
  [ClientErrorCode.Forbidden]: UserErrorCode.FORBIDDEN,
};

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input: the same codes a refusal carries in `errors[].extensions.code`",
  valuesConfig: {
    BAD_USER_INPUT: { description: "The input breaks a rule of its own: a value out of range, a malformed id, a field that may not be empty" },
    NOT_FOUND: { description: "Something the input names does not exist, or is not visible to the caller's key" },
    CONFLICT: { description: "The input is valid but conflicts with the data as it stands, e.g. a status change the current status does not allow" },
    FORBIDDEN: { description: "The caller's role may not change this" },
  },
});

/**
 * An expected refusal of a mutation, returned in its payload's `userErrors` (as Shopify's Admin API does):
 * bad input, a conflict with the data as it stands, something not found. Unexpected failures stay in `errors`.
 */
@ObjectType({
  description:
    "An expected refusal of a mutation (bad input, a conflict, something not found), returned in the payload's userErrors; unexpected failures stay in the response's errors",
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'The path of the input field at fault, from the argument down, e.g. ["input", "lines", "2", "quantity"]; null when the whole input is refused',
  })
  field: string[] | null;

  @Field({ description: "What went wrong, written to be shown to the person using the client" })
  message: string;

  @Field(() => UserErrorCode, { description: "The kind of refusal, stable for client code to branch on" })
  code: UserErrorCode;

  @Field(() => String, { nullable: true, description: "The business reason within the code, e.g. ILLEGAL_STATUS_TRANSITION; null when the code says it all" })
  reason: string | null;
}

/** A client error as a payload's user error: `input.lines[2].quantity` becomes ["input", "lines", "2", "quantity"]. */
export function userErrorOf(error: ClientError): UserError {
  const field = error.details.field;
  return {
    field: field ? field.split(/[.[\]]/).filter((part) => part !== "") : null,
    message: error.message,
    code: userErrorCodeOf(error.code),
    reason: error.details.reason ?? null,
  };
}

/** A client error's code as a user error carries it (the same text). */
export function userErrorCodeOf(code: ClientErrorCode): UserErrorCode {
  return userErrorCodes[code];
}
