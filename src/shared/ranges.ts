import { DateTimeScalar, LocalDateScalar, SafeIntScalar } from "./scalars";
import { Field, InputType } from "type-graphql";
import { InvalidInputError } from "./errors";

@InputType({ description: "Dates from `from` to `to`, both included; either end may be left open" })
export class DateRange {
  @Field(() => LocalDateScalar, { nullable: true, description: "The first day included; null leaves the range open at the start" })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The last day included; null leaves the range open at the end" })
  to?: string | null;
}

@InputType({ description: "Instants from `from` (included) to `to` (excluded); either end may be left open" })
export class DateTimeRange {
  @Field(() => DateTimeScalar, { nullable: true, description: "The earliest instant included; null leaves the range open at the start" })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "The first instant left out: the range ends just before it; null leaves it open at the end" })
  to?: Date | null;
}

@InputType({ description: "Amounts in minor units from `min` to `max`, both included" })
export class MinorUnitsRange {
  @Field(() => SafeIntScalar, { nullable: true, description: "The smallest amount included, in minor units (1999 is 19.99 EUR); null: no lower bound" })
  min?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: "The largest amount included, in minor units; null: no upper bound" })
  max?: number | null;
}

/** Rejects a range whose lower end lies above its upper end, naming the filter field. */
export function checkRange<Value extends string | number | Date>(field: string, lower: Value | null | undefined, upper: Value | null | undefined): void {
  if (lower != null && upper != null && lower > upper) {
    throw new InvalidInputError(field, "the lower end of the range lies above its upper end");
  }
}

/** Escapes LIKE wildcards so that a search term matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
