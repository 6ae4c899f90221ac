import { Length } from "class-validator";
import { ClassType, Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ClientError, ClientErrorCode, InvalidInputError, RuleViolation } from "./errors";
import { validationProblemsOf } from "./input-validation";
import { ClientMutationInput, PayloadRequest } from "./mutation-payload";
import { UserErrorCode, userErrorOf } from "./user-error";
import { IsNotBlank } from "./validators";

/** The most items one upsert request takes: a batch that one transaction writes in well under a second. */
export const maxUpsertItems = 500;

export enum UpsertOutcome {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
}
registerEnumType(UpsertOutcome, {
  name: "UpsertOutcome",
  description: "What an upsert did with one item",
  valuesConfig: {
    CREATED: { description: "No record had the item's externalId: one was created" },
    UPDATED: { description: "The record with the item's externalId differed from the item: it now holds the item's values" },
    UNCHANGED: { description: "The record with the item's externalId already held the item's values: nothing was written" },
  },
});

/** The reason an upsert refuses a request as a whole, or an item for repeating another's externalId. */
export enum UpsertErrorReason {
  TOO_MANY_ITEMS = "TOO_MANY_ITEMS",
  DUPLICATE_EXTERNAL_ID = "DUPLICATE_EXTERNAL_ID",
  ACCOUNT_CHANGED = "ACCOUNT_CHANGED",
}

/** Contacts, orders and tickets stay with their account: an item naming another account for a stored record is a CONFLICT. */
export function checkSameAccount(typeName: string, storedAccountId: string, accountId: string): void {
  if (storedAccountId === accountId) return;
  const message = `input.accountId: this ${typeName} belongs to another account and cannot move; upsert it under another externalId`;
  throw new RuleViolation(UpsertErrorReason.ACCOUNT_CHANGED, ClientErrorCode.Conflict, message, "input.accountId");
}

/** An upsert item's own id in the caller's system, the key the upsert matches on. */
export function withExternalId<Base extends ClassType<object>>(base: Base) {
  @InputType()
  class ItemWithExternalId extends base {
    @Field({
      description:
        "The record's id in the caller's own system, 1 to 200 characters, not blank: the key the upsert matches on. Unique per owner: a partner's key has its own ids, staff keys share one set",
    })
    @Length(1, 200)
    @IsNotBlank()
    externalId: string;
  }
  return ItemWithExternalId;
}

/** What every upsert input carries besides its items. */
@InputType()
export abstract class UpsertInput implements ClientMutationInput {
  @Field(() => String, {
    nullable: true,
    description: "Any text the client chooses, returned unchanged in the payload's clientMutationId, to match an answer to its request",
  })
  clientMutationId?: string | null;
}

/** What every upsert item carries: the key it matches on. */
export interface UpsertItem {
  externalId: string;
}

/**
 * An expected refusal of one item of an upsert (or of the whole request), with the item's place in the list.
 * The payload's own fields cost nothing (they are in memory): an upsert is charged per item for the
 * write and for what the item's `node` reads (onePerUpsertItem).
 */
@ObjectType({ description: "Why an upsert refused an item (or the whole request); with one refused item the request writes nothing" })
export class UpsertUserError {
  @Field(() => Int, { complexity: 0, nullable: true, description: "The refused item's place in input.items, from 0; null when the whole request is refused" })
  index: number | null;

  @Field(() => [String], {
    complexity: 0,
    nullable: true,
    description: 'The path of the input field at fault, from the argument down, e.g. ["input", "items", "3", "name"]; null when the whole input is refused',
  })
  field: string[] | null;

  @Field({ complexity: 0, description: "What went wrong, written to be shown to the person using the client" })
  message: string;

  @Field(() => UserErrorCode, { complexity: 0, description: "The kind of refusal, stable for client code to branch on" })
  code: UserErrorCode;

  @Field(() => String, {
    complexity: 0,
    nullable: true,
    description: "The business reason within the code, e.g. ILLEGAL_STATUS_CHANGE, TOO_MANY_ITEMS, DUPLICATE_EXTERNAL_ID; null when the code says it all",
  })
  reason: string | null;
}

/** What every upsert payload carries; `results` of each type's payload is null when the request was refused. */
@ObjectType()
export abstract class UpsertPayload {
  @Field(() => String, { complexity: 0, nullable: true, description: "The clientMutationId the input carried, unchanged; null when it carried none" })
  clientMutationId: string | null;

  @Field(() => [UpsertUserError], {
    complexity: 0,
    description: "Every refused item, each with its index; empty when the request succeeded. One refused item refuses the whole request: nothing is written",
  })
  userErrors: UpsertUserError[];
}

/** One item's outcome, as a service returns it; each type's result reads the record itself (`node`) afterwards. */
export interface UpsertedItem {
  index: number;
  outcome: UpsertOutcome;
  id: string;
}

/** What each type's upsert result shows besides its `node`. */
@ObjectType()
export abstract class UpsertResult implements UpsertedItem {
  @Field(() => Int, { complexity: 0, description: "The item's place in input.items, from 0" })
  index: number;

  @Field(() => UpsertOutcome, { complexity: 0, description: "Whether the item created its record, changed it, or found it as the item says" })
  outcome: UpsertOutcome;

  /** The record's database id, for its type's `node` field. */
  id: string;
}

/** A client error met at one item, to be reported with its index. */
export interface ItemError {
  index: number;
  error: ClientError;
}

/**
 * Thrown by an upsert service that found refused items: it rolls back the request's transaction, so
 * that nothing of the request is written, and carries every item's refusal to the payload.
 */
export class UpsertRefused extends Error {
  constructor(readonly itemErrors: ItemError[]) {
    super(`${itemErrors.length} upsert item(s) refused`);
  }
}

/**
 * Checks each item in turn with `check`, collecting the client errors each one raises; throws them all
 * together (UpsertRefused) if any item was refused. Returns what `check` returned for each item.
 */
export async function checkEachItem<Item, Checked>(items: readonly Item[], check: (item: Item, index: number) => Promise<Checked>): Promise<Checked[]> {
  const checked: Checked[] = [];
  const itemErrors: ItemError[] = [];
  for (const [index, item] of items.entries()) {
    try {
      checked.push(await check(item, index));
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      itemErrors.push({ index, error });
    }
  }
  if (itemErrors.length > 0) throw new UpsertRefused(itemErrors);
  return checked;
}

/** Refuses, at each later item, an externalId that an earlier item of the request already has. */
export function refuseRepeatedExternalIds(items: readonly UpsertItem[]): void {
  const firstIndex = new Map<string, number>();
  const itemErrors: ItemError[] = [];
  for (const [index, item] of items.entries()) {
    const externalId = item.externalId.trim();
    const first = firstIndex.get(externalId);
    if (first === undefined) firstIndex.set(externalId, index);
    else
      itemErrors.push({
        index,
        error: new InvalidInputError("input.externalId", `item ${first} already has "${externalId}"; an item may appear once a request`),
      });
  }
  for (const { error } of itemErrors) Object.assign(error.details, { reason: UpsertErrorReason.DUPLICATE_EXTERNAL_ID });
  if (itemErrors.length > 0) throw new UpsertRefused(itemErrors);
}

/**
 * Runs an upsert mutation: the item count and every item's validation rules first, then the service.
 * Refusals (of the request, or of items, all reported at once) become userErrors with nothing written;
 * anything unexpected is thrown on, into `errors`.
 */
export async function upsertPayloadOf<Input extends UpsertInput & { items: object[] }>(
  request: PayloadRequest,
  input: Input,
  upsert: () => Promise<UpsertedItem[]>,
): Promise<UpsertPayload & { results?: UpsertedItem[] }> {
  const clientMutationId = input.clientMutationId ?? null;
  const refused = (userErrors: UpsertUserError[]) => ({ clientMutationId, userErrors });
  if (input.items.length > maxUpsertItems) return refused([tooManyItems(input.items.length)]);
  const problems = await Promise.all(input.items.map((item, index) => itemValidationErrors(item, index)));
  if (problems.flat().length > 0) return refused(problems.flat());
  request.forgetReads();
  try {
    return { clientMutationId, userErrors: [], results: await upsert() };
  } catch (error) {
    if (error instanceof UpsertRefused) return refused(error.itemErrors.map(({ index, error: itemError }) => upsertUserErrorOf(itemError, index)));
    if (error instanceof ClientError) return refused([{ ...userErrorOf(error), index: null }]);
    throw error;
  }
}

function tooManyItems(count: number): UpsertUserError {
  return {
    index: null,
    field: ["input", "items"],
    message: `input.items: at most ${maxUpsertItems} items a request, got ${count}; send the rest in further requests`,
    code: UserErrorCode.BAD_USER_INPUT,
    reason: UpsertErrorReason.TOO_MANY_ITEMS,
  };
}

async function itemValidationErrors(item: object, index: number): Promise<UpsertUserError[]> {
  const problems = await validationProblemsOf(item, `input.items[${index}]`);
  return problems.map((problem) => ({ ...userErrorOf(new InvalidInputError(problem.field, problem.message)), index }));
}

/**
 * A service's error about `input.<field>` (as the single-record use cases word it) as the error of item
 * `index`: the field becomes `input.items[index].<field>`, in the path and at the start of the message.
 */
export function upsertUserErrorOf(error: ClientError, index: number): UpsertUserError {
  const userError = userErrorOf(error);
  const [argument, ...rest] = userError.field ?? [];
  if (argument !== "input") return { ...userError, index };
  const itemPrefix = `input.items[${index}]`;
  const message = userError.message.startsWith("input.") ? `${itemPrefix}.${userError.message.slice("input.".length)}` : userError.message;
  return { ...userError, index, field: ["input", "items", String(index), ...rest], message };
}

/**
 * The GraphQL types of one type's upsert, e.g. `upsertTypes(AccountUpsertItem, "Account", "Accounts")`:
 * UpsertAccountsInput, AccountUpsertResult (its `node` resolved by the type's resolver) and
 * UpsertAccountsPayload.
 */
export function upsertTypes<Item extends ClassType<object>>(item: Item, typeName: string, plural: string) {
  const mutation = `upsert${plural}`;

  @InputType(`Upsert${plural}Input`, {
    description: `The ${plural.toLowerCase()} to create or update by external id (${mutation}), at most ${maxUpsertItems} a request`,
  })
  class Input extends UpsertInput {
    @Field(() => [item], { description: `1 to ${maxUpsertItems} ${plural.toLowerCase()}, each externalId once; written in the order given` })
    items: InstanceType<Item>[];
  }

  @ObjectType(`${typeName}UpsertResult`, { description: `What ${mutation} did with one item` })
  class Result extends UpsertResult {}

  @ObjectType(`Upsert${plural}Payload`, { description: `What ${mutation} did: one result per item in the order given, or every refused item` })
  class Payload extends UpsertPayload {
    @Field(() => [Result], {
      complexity: 0,
      nullable: true,
      description: "One result per item, in the order of input.items; null when the request was refused",
    })
    results?: Result[];
  }

  return { Input, Result, Payload };
}
