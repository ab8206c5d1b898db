import { AdapterError } from '@oneapi/adapters';
import type { Attempt } from './attempt';
import type { Clock, TimerHandle } from './clock';
import { RouterError } from './router-error';
import { timeoutError } from './timeouts';

/**
 * One dispatch's lifetime: its attempt trail and an abort signal that fires on the caller's
 * abort or on the total timeout, whichever comes first. Every attempt's signal hangs off it.
 */
export class DispatchScope {
  readonly attempts: Attempt[] = [];
  private readonly controller = new AbortController();
  private readonly totalTimer: TimerHandle;
  private timedOut = false;
  private readonly onCallerAbort = () =>
    this.controller.abort(new AdapterError('aborted', 'The request was cancelled'));

  constructor(
    private readonly clock: Clock,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly totalMs: number,
  ) {
    this.totalTimer = clock.setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(timeoutError('total', totalMs));
    }, totalMs);
    if (callerSignal?.aborted) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The error for a dispatch ended by its own signal: the caller left, or time ran out. */
  abortError(): RouterError {
    if (this.timedOut)
      return new RouterError('timeout', `The request took longer than ${this.totalMs} ms`, {
        attempts: this.attempts,
      });
    return new RouterError('aborted', 'The request was cancelled', { attempts: this.attempts });
  }

  /** The error event a committed stream ends with when the scope aborts. */
  abortReason(): AdapterError {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof AdapterError ? reason : new AdapterError('aborted', 'Cancelled');
  }

  dispose(): void {
    this.clock.clearTimeout(this.totalTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
