import { en, Faker } from "@faker-js/faker";

/** A faker of its own (never the shared global one), so that the seed alone decides every value. */
export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

/**
 * The distributions the seed needs. Every draw comes from the one seeded faker, in a fixed
 * order, so that the same seed repeats every row (ids included) whatever the batch size.
 */
export class SeededRandom {
  constructor(readonly faker: Faker) {}

  /** Uniform in [0, 1). */
  fraction(): number {
    return this.faker.number.float();
  }

  chance(probability: number): boolean {
    return this.fraction() < probability;
  }

  /** Uniform in [minimum, maximum). */
  between(minimum: number, maximum: number): number {
    return minimum + this.fraction() * (maximum - minimum);
  }

  /** Uniform integer in [minimum, maximum], both included. */
  integerBetween(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.fraction() * (maximum - minimum + 1));
  }

  pick<Value>(values: readonly Value[]): Value {
    return values[Math.floor(this.fraction() * values.length)];
  }

  /** Standard normal (Box-Muller); `1 - fraction` keeps the logarithm away from zero. */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.fraction())) * Math.cos(2 * Math.PI * this.fraction());
  }

  /** Positive, right-skewed: half the draws fall below the median, a few far above it. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  /** How many events happen when `mean` are expected (Poisson; normal approximation for large means). */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let events = 0;
    for (let product = this.fraction(); product > limit; product *= this.fraction()) events += 1;
    return events;
  }

  uuid(): string {
    return this.faker.string.uuid();
  }
}

/** A fixed table of values and their relative weights, summed once rather than on every draw. */
export class WeightedChoice<Value> {
  private readonly values: Value[];
  private readonly cumulativeWeights: number[];

  constructor(table: ReadonlyArray<readonly [Value, number]>) {
    let total = 0;
    this.values = table.map(([value]) => value);
    this.cumulativeWeights = table.map(([, weight]) => (total += weight));
  }

  draw(random: SeededRandom): Value {
    const target = random.fraction() * this.cumulativeWeights[this.cumulativeWeights.length - 1];
    const index = this.cumulativeWeights.findIndex((weight) => target < weight);
    return this.values[index === -1 ? this.values.length - 1 : index];
  }
}
