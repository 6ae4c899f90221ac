import { ClassType, Field, InputType, ObjectType } from "type-graphql";
import { ClientError, InvalidInputError } from "./errors";
import { validationProblemsOf } from "./input-validation";
import { UserError, userErrorOf } from "./user-error";

/** What every payload mutation's input carries besides its own fields. */
export interface ClientMutationInput {
  clientMutationId?: string | null;
}

/**
 * A payload mutation's input: the use case's own input type with Relay's `clientMutationId` added.
 * Its validation rules run inside the mutation (see `payloadOf`): declare the argument with `validate: false`.
 */
export function withClientMutationId<Base extends ClassType<object>>(base: Base) {
  @InputType()
  class InputWithClientMutationId extends base implements ClientMutationInput {
    @Field(() => String, {
      nullable: true,
      description: "Any text the client chooses, returned unchanged in the payload's clientMutationId, to match an answer to its request",
    })
    clientMutationId?: string | null;
  }
  return InputWithClientMutationId;
}

/** The base of an input with no fields of the use case's own, ids aside. */
export class EmptyInput {}

/**
 * What every payload (Relay's and Shopify's shape) carries: the client's mutation id and the expected
 * refusals. A refused payload has every other field null; unexpected failures stay in the response's `errors`.
 */
@ObjectType()
export abstract class MutationPayload {
  @Field(() => String, { nullable: true, description: "The clientMutationId the input carried, unchanged; null when it carried none" })
  clientMutationId: string | null;

  @Field(() => [UserError], {
    description: "Why the mutation changed nothing (bad input, something not found, a conflict); empty when it succeeded. Then every other field is null",
  })
  userErrors: UserError[];
}

/** What a payload mutation needs of its request. */
export interface PayloadRequest {
  /** Drops what the request has read so far, so that the payload reads the rows as the write leaves them. */
  forgetReads(): void;
}

/**
 * Old arguments that moved into `input`, by the name the use case reports them under, e.g.
 * `{ id: "ticketId" }`: an error about `id` is then about `input.ticketId`. An argument not listed
 * keeps its name under `input` (`satisfaction` becomes `input.satisfaction`).
 */
export type MovedArguments = Readonly<Record<string, string>>;

/**
 * Runs a payload mutation's use case: the input's validation rules first, then the change. A client
 * error (bad input, not found, a conflict) becomes the payload's userErrors, with nothing written: the
 * use case's transaction rolled back when it threw. Anything else is thrown on, into `errors`.
 */
export async function payloadOf<Changed extends object>(
  request: PayloadRequest,
  input: ClientMutationInput,
  change: () => Promise<Changed>,
  moved: MovedArguments = {},
): Promise<Partial<Changed> & MutationPayload> {
  const clientMutationId = input.clientMutationId ?? null;
  // A refused payload has none of the changed fields: they answer null.
  const refused = (userErrors: UserError[]): Partial<Changed> & MutationPayload =>
    Object.assign<Partial<Changed>, MutationPayload>({}, { clientMutationId, userErrors });
  const problems = await validationProblemsOf(input, "input");
  if (problems.length > 0) return refused(problems.map((problem) => userErrorOf(new InvalidInputError(problem.field, problem.message))));
  // Serial: each mutation of a document runs after the previous one's answer is complete, so
  // forgetting here cannot pull rows from under another field, and this one's answer reads afresh.
  request.forgetReads();
  try {
    return { ...(await change()), clientMutationId, userErrors: [] };
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return refused([movedIntoInput(userErrorOf(error), moved)]);
  }
}

/** A user error about an old argument, about its place inside `input` (path and the message's leading field). */
function movedIntoInput(userError: UserError, moved: MovedArguments): UserError {
  const [argument, ...rest] = userError.field ?? [];
  if (argument === undefined || argument === "input") return userError;
  const field = ["input", moved[argument] ?? argument, ...rest];
  const message = userError.message.startsWith(`${argument}:`) ? `${field.join(".")}${userError.message.slice(argument.length)}` : userError.message;
  return { ...userError, field, message };
}
