/** mulberry32: small, fast and seeded, so that a failing document comes back with the same seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  fraction(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(this.state ^ (this.state >>> 15), this.state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  chance(probability: number): boolean {
    return this.fraction() < probability;
  }

  /** Uniform in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.fraction() * (maximum - minimum + 1));
  }

  pick<Value>(values: readonly Value[]): Value {
    return values[Math.floor(this.fraction() * values.length)];
  }

  /** Between `minimum` and `maximum` distinct values, in random order. */
  some<Value>(values: readonly Value[], minimum: number, maximum: number): Value[] {
    const pool = [...values];
    const wanted = Math.min(pool.length, this.integer(minimum, maximum));
    const chosen: Value[] = [];
    while (chosen.length < wanted) chosen.push(pool.splice(Math.floor(this.fraction() * pool.length), 1)[0]);
    return chosen;
  }
}
