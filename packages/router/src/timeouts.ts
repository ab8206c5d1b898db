import { AdapterError } from '@oneapi/adapters';
import type { Clock, TimerHandle } from './clock';

/** Per-attempt and per-request time limits, in milliseconds. */
export interface Timeouts {
  /**
   * Until a stream's response headers arrive (TCP/TLS connect, queueing). fetch exposes no
   * separate connect phase, and non-stream answers send their headers with the body, so this
   * bounds streams only; pass a `fetch` with an undici connect timeout for a strict TCP limit.
   */
  readonly connectMs: number;
  /** Until the first stream event, or the whole answer of a non-stream call. */
  readonly firstByteMs: number;
  /** Between two stream events once the stream has begun. */
  readonly idleMs: number;
  /** The whole dispatch, retries and streaming included. */
  readonly totalMs: number;
}

/** A channel's own limits; `totalMs` spans channels, so it is read from the policy only. */
export type TimeoutOverrides = Partial<Omit<Timeouts, 'totalMs'>>;

/** Generous for LLMs: reasoning models can think for minutes before the first token. */
export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  idleMs: 60_000,
  totalMs: 600_000,
};

export function resolveTimeouts(base: Timeouts, overrides: TimeoutOverrides | undefined): Timeouts {
  return overrides ? { ...base, ...overrides, totalMs: base.totalMs } : base;
}

export type TimeoutStage = 'connect' | 'first_byte' | 'idle' | 'total';

/** The error an attempt fails with when one of its timers fires: retryable by the adapter's table. */
export function timeoutError(stage: TimeoutStage, ms: number): AdapterError {
  return new AdapterError('upstream_timeout', `No ${STAGE_TEXT[stage]} within ${ms} ms`);
}

const STAGE_TEXT: Record<TimeoutStage, string> = {
  connect: 'response headers',
  first_byte: 'first byte',
  idle: 'stream event',
  total: 'complete answer',
};

/**
 * One re-armable timer that aborts a controller when it fires, remembering which stage
 * expired so that the failover loop can tell a timeout from a client abort.
 */
export class StageTimer {
  private handle: TimerHandle | undefined;
  expired: AdapterError | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly controller: AbortController,
  ) {}

  /** `limitMs` is the configured limit named in the error, when `ms` is only what remains of it. */
  arm(stage: TimeoutStage, ms: number, limitMs = ms): void {
    this.clear();
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.expired = timeoutError(stage, limitMs);
      this.controller.abort(this.expired);
    }, ms);
  }

  clear(): void {
    if (this.handle === undefined) return;
    this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: an executor that ignores its
 * signal cannot hold a request past its timeout.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
