import { ArgsType, Field, Int, registerEnumType } from "type-graphql";
import { InvalidInputError } from "../errors";

export const defaultPageSize = 20;
export const maximumPageSize = 100;

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, { name: "SortDirection" });

/** Relay's connection arguments: `first`/`after` pages forward, `last`/`before` backward. */
@ArgsType()
export class PageArguments {
  @Field(() => Int, { nullable: true, description: `Page size forward, 1 to ${maximumPageSize} (default ${defaultPageSize})` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor" })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size backward, 1 to ${maximumPageSize}` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items before this cursor" })
  before?: string | null;
}

export interface PageRequest {
  direction: "forward" | "backward";
  size: number;
  cursor?: string;
  cursorField?: "after" | "before";
}

/** Checks the page arguments; a page size outside 1..100 or a mixed direction is the client's error. */
export function toPageRequest(page: PageArguments): PageRequest {
  const { first, after, last, before } = page;
  if (first != null && last != null) {
    throw new InvalidInputError("first", "give either first or last, not both");
  }
  if (after != null && before != null) {
    throw new InvalidInputError("after", "give either after or before, not both");
  }
  const backward = last != null || before != null;
  if (backward && first != null) {
    throw new InvalidInputError("first", "first pages forward; page backward with last and before");
  }
  if (backward && after != null) {
    throw new InvalidInputError("after", "after pages forward; page backward with last and before");
  }
  if (backward) {
    return { direction: "backward", size: checkedSize("last", last ?? defaultPageSize), cursor: before ?? undefined, cursorField: "before" };
  }
  return { direction: "forward", size: checkedSize("first", first ?? defaultPageSize), cursor: after ?? undefined, cursorField: "after" };
}

function checkedSize(field: string, size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > maximumPageSize) {
    throw new InvalidInputError(field, `page size must be between 1 and ${maximumPageSize}, got ${size}`);
  }
  return size;
}
