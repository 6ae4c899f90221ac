import { Field, InputType, ObjectType } from "type-graphql";
import { CurrencyScalar, SafeIntScalar } from "./scalars";
import { InvalidInputError } from "./errors";

const fractionDigitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0, BHD 3), from ICU. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Formats integer minor units as a decimal string without floating point: 123456 EUR -> "1234.56". */
export function formatMinorUnits(minorUnits: number, currency: string): string {
  const digits = currencyFractionDigits(currency);
  const sign = minorUnits < 0 ? "-" : "";
  const magnitude = String(Math.abs(minorUnits)).padStart(digits + 1, "0");
  if (digits === 0) return sign + magnitude;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

/** Parses a decimal string into minor units exactly; more decimals than the currency has is an error. */
export function parseDecimalAmount(amount: string, currency: string, field: string): number {
  const digits = currencyFractionDigits(currency);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) {
    throw new InvalidInputError(field, `"${amount}" is not a non-negative decimal amount such as "19.99"`);
  }
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    throw new InvalidInputError(field, `${currency} amounts have at most ${digits} decimals, got "${amount}"`);
  }
  return Number(match[1] + fraction.padEnd(digits, "0"));
}

@ObjectType({ simpleResolvers: true, description: "An amount of money, kept as integer minor units of an ISO 4217 currency" })
export class Money {
  @Field(() => SafeIntScalar, { description: "The amount in the currency's minor unit, exactly: cents for EUR and USD (1234.50 EUR is 123450), yen for JPY" })
  minorUnits: number;

  @Field(() => CurrencyScalar, { description: "The currency of the amount" })
  currency: string;

  constructor(minorUnits: number, currency: string) {
    this.minorUnits = minorUnits;
    this.currency = currency;
  }

  @Field({ description: 'The amount as an exact decimal string with the currency\'s own decimals, e.g. "1234.50" (EUR), "1234" (JPY)' })
  get amount(): string {
    return formatMinorUnits(this.minorUnits, this.currency);
  }
}

@InputType({ description: "An amount as an exact decimal string and its currency" })
export class MoneyInput {
  @Field({ description: 'A non-negative decimal amount with at most the currency\'s decimals, e.g. "19.99" (EUR), "1999" (JPY)' })
  amount: string;

  @Field(() => CurrencyScalar, { description: "The currency of the amount; its minor unit says how many decimals `amount` may have" })
  currency: string;
}
