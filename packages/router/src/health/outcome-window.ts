/**
 * The last `size` outcomes (success or failure) with their times, in a fixed ring buffer:
 * recording allocates nothing. Outcomes older than `windowMs` do not count.
 */
export class OutcomeWindow {
  private readonly times: Float64Array;
  private readonly failed: Uint8Array;
  private next = 0;
  private filled = 0;

  constructor(
    size: number,
    private readonly windowMs: number,
  ) {
    this.times = new Float64Array(Math.max(1, size));
    this.failed = new Uint8Array(Math.max(1, size));
  }

  record(now: number, failure: boolean): void {
    this.times[this.next] = now;
    this.failed[this.next] = failure ? 1 : 0;
    this.next = (this.next + 1) % this.times.length;
    if (this.filled < this.times.length) this.filled++;
  }

  /** Outcomes and failures inside the time window. */
  count(now: number): { total: number; failures: number } {
    const oldest = now - this.windowMs;
    let total = 0;
    let failures = 0;
    for (let i = 0; i < this.filled; i++) {
      if ((this.times[i] as number) < oldest) continue;
      total++;
      failures += this.failed[i] as number;
    }
    return { total, failures };
  }

  /** Share of failures inside the window; 0 when empty. */
  failureRate(now: number): number {
    const { total, failures } = this.count(now);
    return total === 0 ? 0 : failures / total;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }
}
