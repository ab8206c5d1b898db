/**
 * Caps requests in flight per key (an API key's id): one key cannot take every upstream
 * connection of an instance. Counts live in this process; several instances each apply it.
 */
export interface ConcurrencyGate {
  /** A release function when `key` is under the limit (call it exactly once), else undefined. */
  tryEnter(key: number): (() => void) | undefined;
  inFlight(key: number): number;
}

export function createConcurrencyGate(limit: number): ConcurrencyGate {
  const counts = new Map<number, number>();
  return {
    tryEnter(key) {
      if (limit <= 0) return () => {};
      const current = counts.get(key) ?? 0;
      if (current >= limit) return undefined;
      counts.set(key, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const remaining = (counts.get(key) ?? 1) - 1;
        if (remaining <= 0) counts.delete(key);
        else counts.set(key, remaining);
      };
    },
    inFlight: (key) => counts.get(key) ?? 0,
  };
}
