/** Handle returned by `Clock.setTimeout`; opaque to the router. */
export type TimerHandle = unknown;

/**
 * Time, injectable so that cooldowns, breakers and timeouts can be tested with a fake clock.
 * `now()` is milliseconds; only differences matter, except in health events (`at`), where the
 * system clock gives epoch milliseconds.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock. Timers are unref'd: a pending timeout never keeps the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** A clock that moves only when told to: for deterministic tests. */
export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void;
  /** Timers not yet fired. */
  pendingTimers(): number;
}

interface ManualTimer {
  readonly due: number;
  readonly order: number;
  readonly callback: () => void;
}

export function createManualClock(start = 0): ManualClock {
  let time = start;
  let order = 0;
  const timers = new Set<ManualTimer>();
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const timer = { due: time + Math.max(0, ms), order: order++, callback };
      timers.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      timers.delete(handle as ManualTimer);
    },
    advance(ms) {
      const target = time + ms;
      for (;;) {
        let next: ManualTimer | undefined;
        for (const timer of timers) {
          if (timer.due > target) continue;
          if (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order))
            next = timer;
        }
        if (!next) break;
        timers.delete(next);
        time = Math.max(time, next.due);
        next.callback();
      }
      time = target;
    },
    pendingTimers: () => timers.size,
  };
}
