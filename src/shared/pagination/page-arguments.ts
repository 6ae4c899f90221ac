import { ArgsType, Field, Int, registerEnumType } from "type-graphql";
import { InvalidInputError } from "../errors";

export const defaultPageSize = 20;
export const maximumPageSize = 100;

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(SortDirection, {
  name: "SortDirection",
  description: "Which way a sort field runs",
  valuesConfig: {
    ASC: { description: "Ascending: smallest, earliest or A first" },
    DESC: { description: "Descending: largest, latest or Z first" },
  },
});

/**
 * Relay's connection arguments: `first`/`after` page forward, `last`/`before` backward. `first` shows its
 * default in the schema, so GraphQL fills it in wherever a client leaves it out, backward pages included:
 * `toPageRequest` takes a `first` of exactly the default beside `last` or `before` for that default.
 */
@ArgsType()
export class PageArguments {
  @Field(() => Int, {
    nullable: true,
    defaultValue: defaultPageSize,
    description: `Items a page holds when paging forward (from the start, or after \`after\`), 1 to ${maximumPageSize}. Leave it out when paging backward with \`last\` or \`before\`: its default then does not apply`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Page forward from this cursor (an edge's `cursor` or `pageInfo.endCursor` of a page in the same orderBy): the items after it",
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Items a page holds when paging backward (from the end, or from \`before\`), 1 to ${maximumPageSize}; ${defaultPageSize} when only \`before\` is given`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Page backward from this cursor (an edge's `cursor` or `pageInfo.startCursor` of a page in the same orderBy): the items before it, still in the list's order",
  })
  before?: string | null;
}

export interface PageRequest {
  direction: "forward" | "backward";
  size: number;
  cursor?: string;
  cursorField?: "after" | "before";
}

/**
 * The page arguments as the client gave them: a `first` equal to its default beside `last` or `before`
 * is the default GraphQL filled in (or the same number typed out), not a request to page forward.
 */
export function withoutDefaultFirstWhenBackward(page: PageArguments): PageArguments {
  const backward = page.last != null || page.before != null;
  return backward && page.first === defaultPageSize ? { ...page, first: null } : page;
}

/** Checks the page arguments; a page size outside 1..100 or a mixed direction is the client's error. */
export function toPageRequest(page: PageArguments): PageRequest {
  const { first, after, last, before } = withoutDefaultFirstWhenBackward(page);
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
