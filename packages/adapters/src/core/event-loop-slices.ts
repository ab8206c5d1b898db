/** Time a long computation may run before it lets other work on the event loop go first. */
export const SLICE_MS = 8;

// Callers waiting for their turn, oldest first, and whether a release is scheduled.
const waiting: (() => void)[] = [];
let releaseScheduled = false;

// setImmediate where the runtime has it: a timer of 0 ms waits at least 1 ms in Node.
const onNextTurn: (run: () => void) => void =
  typeof setImmediate === 'function' ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

/**
 * Resolves on a later turn of the event loop, after the timers and I/O callbacks waiting
 * behind the caller, and **one caller per turn**: when several large requests each yield
 * between their steps, a per-caller setImmediate would run all their next steps in the same
 * phase of one turn, where they add up to one pause (seven 5 MB conversations at once held
 * the loop 93-157 ms so, each step 10-35 ms).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resume) => {
    waiting.push(resume);
    if (!releaseScheduled) {
      releaseScheduled = true;
      // Two hops: called from an I/O callback, one would resume the caller in this same
      // turn's check phase, before any timer, and its step would join the one just done.
      onNextTurn(() => onNextTurn(releaseOne));
    }
  });
}

// The caller resumed runs its step right after this returns (its promise's continuation);
// a release scheduled from here waits for the next turn, so its step does not join this one.
function releaseOne(): void {
  waiting.shift()?.();
  if (waiting.length > 0) onNextTurn(releaseOne);
  else releaseScheduled = false;
}
