import { OutcomeWindow } from './outcome-window';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** When a breaker opens and for how long. Defaults in `DEFAULT_BREAKER`. */
export interface BreakerThresholds {
  /** Open after this many failures in a row. */
  readonly consecutiveFailures: number;
  /** Or when this share of the window's outcomes failed... */
  readonly failureRate: number;
  /** ...and the window holds at least this many outcomes. */
  readonly minimumRequests: number;
  /** The sliding window: how long an outcome counts, and at most how many are kept. */
  readonly windowMs: number;
  readonly windowSize: number;
  /** First open period; doubled each time a half-open probe fails, up to `maxOpenMs`. */
  readonly openMs: number;
  readonly maxOpenMs: number;
  /** Requests let through at once while half-open. */
  readonly halfOpenProbes: number;
}

export const DEFAULT_BREAKER: BreakerThresholds = {
  consecutiveFailures: 5,
  failureRate: 0.5,
  minimumRequests: 20,
  windowMs: 60_000,
  windowSize: 100,
  openMs: 30_000,
  maxOpenMs: 300_000,
  halfOpenProbes: 1,
};

export type OpenReason = 'consecutive_failures' | 'failure_rate' | 'probe_failed';

/** A state change the caller turns into a health event. */
export type BreakerTransition =
  | { readonly to: 'open'; readonly reason: OpenReason; readonly until: number }
  | { readonly to: 'half_open' }
  | { readonly to: 'closed' };

/**
 * closed -> open (consecutive failures or failure rate) -> half_open once the open period has
 * passed and a request is sent as a probe -> closed on the probe's success, or open again for
 * twice as long on its failure.
 */
export class CircuitBreaker {
  state: BreakerState = 'closed';
  openUntil = 0;
  consecutiveFailures = 0;
  private probesInFlight = 0;
  private timesOpened = 0;
  readonly window: OutcomeWindow;

  constructor(private readonly thresholds: BreakerThresholds) {
    this.window = new OutcomeWindow(thresholds.windowSize, thresholds.windowMs);
  }

  /** Whether a request may go through now; changes nothing. */
  canPass(now: number): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') return now >= this.openUntil;
    return this.probesInFlight < this.thresholds.halfOpenProbes;
  }

  /** Called when a request is sent; an elapsed open breaker turns half-open and counts a probe. */
  onSend(now: number): BreakerTransition | undefined {
    if (this.state === 'closed') return undefined;
    if (this.state === 'open' && now >= this.openUntil) {
      this.state = 'half_open';
      this.probesInFlight = 1;
      return { to: 'half_open' };
    }
    if (this.state === 'half_open') this.probesInFlight++;
    return undefined;
  }

  /** Any success closes the breaker: a probe, or a panic-routed request while open. */
  onSuccess(now: number): BreakerTransition | undefined {
    this.window.record(now, false);
    this.consecutiveFailures = 0;
    if (this.state === 'closed') return undefined;
    this.reset();
    return { to: 'closed' };
  }

  /**
   * Records a failure. `mayOpen` is asked before tripping a closed breaker (max ejection);
   * a failed probe always re-opens, since the channel is already counted as ejected.
   */
  onFailure(now: number, mayOpen: () => boolean): BreakerTransition | undefined {
    this.window.record(now, true);
    this.consecutiveFailures++;
    if (this.state === 'half_open') return this.open(now, 'probe_failed');
    if (this.state === 'open') return undefined;
    const reason = this.tripReason(now);
    if (reason === undefined || !mayOpen()) return undefined;
    return this.open(now, reason);
  }

  /** An outcome that says nothing about health (client abort): frees the probe slot. */
  onNeutral(): void {
    if (this.state === 'half_open' && this.probesInFlight > 0) this.probesInFlight--;
  }

  reset(): void {
    this.state = 'closed';
    this.openUntil = 0;
    this.consecutiveFailures = 0;
    this.probesInFlight = 0;
    this.timesOpened = 0;
    this.window.clear();
  }

  private tripReason(now: number): OpenReason | undefined {
    if (this.consecutiveFailures >= this.thresholds.consecutiveFailures)
      return 'consecutive_failures';
    const { total, failures } = this.window.count(now);
    if (total >= this.thresholds.minimumRequests && failures / total >= this.thresholds.failureRate)
      return 'failure_rate';
    return undefined;
  }

  private open(now: number, reason: OpenReason): BreakerTransition {
    const period = Math.min(
      this.thresholds.openMs * 2 ** this.timesOpened,
      this.thresholds.maxOpenMs,
    );
    this.timesOpened++;
    this.state = 'open';
    this.openUntil = now + period;
    this.probesInFlight = 0;
    return { to: 'open', reason, until: this.openUntil };
  }
}
