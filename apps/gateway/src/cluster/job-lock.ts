import type { Logger } from '../log/create-logger';

/** Decides which instance runs a periodic background job this round. */
export interface JobLock {
  /** True for exactly one caller per `name` until `ttlMs` has passed. */
  claim(name: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A single instance runs every job. */
export const soleInstanceLock: JobLock = {
  claim: async () => true,
  close: async () => {},
};

/**
 * Runs `job` every `intervalMs` on whichever instance claims the round. Returns a stop
 * function. A round that throws is logged and the schedule goes on.
 */
export function scheduleExclusiveJob(options: {
  readonly name: string;
  readonly intervalMs: number;
  readonly lock: JobLock;
  readonly logger: Logger;
  readonly job: () => Promise<unknown>;
}): () => void {
  const { name, intervalMs, lock, logger } = options;
  const round = async () => {
    // Slightly shorter than the interval, so the next round's claim is not refused by a key
    // that is about to expire.
    if (!(await lock.claim(name, Math.max(1, intervalMs - 250)))) return;
    try {
      await options.job();
    } catch (error) {
      logger.error({ job: name, err: String(error) }, 'background job failed');
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  void round();
  return () => clearInterval(timer);
}
