import { Matches, ValidateBy, ValidationOptions } from "class-validator";

/** The pattern of the contacts table's CHECK on phone, so that no stored phone fails it. */
export const phonePattern = /^\+?[0-9 ()./-]{4,30}$/;

/** Not blank: the table checks the trimmed length, so whitespace alone must fail here first. */
export const notBlankPattern = /\S/;

/**
 * Today's date where it is already latest (UTC+14): a date entered as "today" anywhere on
 * earth is never taken for the future.
 */
function latestToday(now: Date): string {
  const fourteenHours = 14 * 60 * 60 * 1000;
  return new Date(now.getTime() + fourteenHours).toISOString().slice(0, 10);
}

/** A LocalDate (YYYY-MM-DD) that is not after today. */
export function IsNotInFuture(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isNotInFuture",
      validator: {
        validate: (value: unknown) => typeof value === "string" && value <= latestToday(new Date()),
        defaultMessage: () => "must not lie in the future",
      },
    },
    options,
  );
}

/** Text with at least one visible character: the tables check the trimmed length, so blanks fail here first. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return Matches(notBlankPattern, { message: "must not be blank", ...options });
}
