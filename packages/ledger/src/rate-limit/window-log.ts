const INITIAL_CAPACITY = 16;
/** Until its first push a log holds no arrays: a key refused, or only looked at, costs none. */
const NONE = new Float64Array(0);

/**
 * One sliding window's counted requests, oldest first: a ring over two typed arrays (when,
 * and what each cost) that doubles when full and halves until at least a quarter full. A busy
 * key keeps a minute of requests here; as objects, one per request and rule, they all
 * outlived the young generation and every full collection walked them (four rules at 2,000
 * requests a second: some 480,000 objects). Typed arrays hold the same numbers with nothing
 * for the collector to trace.
 */
export class WindowLog {
  #at = NONE;
  #cost = NONE;
  #head = 0;
  #size = 0;
  #total = 0;

  /** The sum of the costs still in the log. */
  get total(): number {
    return this.#total;
  }

  get size(): number {
    return this.#size;
  }

  /** When the newest request was counted, or undefined when the log is empty. */
  get newestAt(): number | undefined {
    return this.#size === 0 ? undefined : this.#at[this.#slot(this.#size - 1)];
  }

  push(at: number, cost: number): void {
    if (this.#size === this.#at.length)
      this.#resize(Math.max(INITIAL_CAPACITY, this.#at.length * 2));
    const slot = this.#slot(this.#size);
    this.#at[slot] = at;
    this.#cost[slot] = cost;
    this.#size += 1;
    this.#total += cost;
  }

  /** Drops the requests counted at or before `cutoff`. */
  dropUntil(cutoff: number): void {
    while (this.#size > 0 && this.#at[this.#head]! <= cutoff) {
      this.#total -= this.#cost[this.#head]!;
      this.#head = (this.#head + 1) % this.#at.length;
      this.#size -= 1;
    }
    let capacity = this.#at.length;
    while (capacity > INITIAL_CAPACITY && this.#size * 4 <= capacity) capacity /= 2;
    if (capacity !== this.#at.length) this.#resize(capacity);
  }

  /**
   * When enough of the oldest requests will have left for `excess` more to fit: the time the
   * request that brings the freed cost to `excess` was counted; undefined if all of them do not.
   */
  countedAtFreeing(excess: number): number | undefined {
    let left = excess;
    for (let index = 0; index < this.#size; index++) {
      const slot = this.#slot(index);
      left -= this.#cost[slot]!;
      if (left <= 0) return this.#at[slot];
    }
    return undefined;
  }

  #slot(index: number): number {
    return (this.#head + index) % this.#at.length;
  }

  #resize(capacity: number): void {
    const at = new Float64Array(capacity);
    const cost = new Float64Array(capacity);
    for (let index = 0; index < this.#size; index++) {
      const slot = this.#slot(index);
      at[index] = this.#at[slot]!;
      cost[index] = this.#cost[slot]!;
    }
    this.#at = at;
    this.#cost = cost;
    this.#head = 0;
  }
}
