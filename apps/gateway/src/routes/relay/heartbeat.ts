export const HEARTBEAT = Symbol('heartbeat');

/**
 * Waits for `next`, or `ms` of silence, whichever comes first: a stream that has said nothing
 * for a while sends a keep-alive, so proxies and clients with idle timeouts keep it open. The
 * same `next` is awaited again afterwards; nothing is lost. `ms` <= 0 waits for `next` alone.
 */
export function untilNextOrHeartbeat<T>(
  next: Promise<T>,
  ms: number,
): Promise<T | typeof HEARTBEAT> {
  if (ms <= 0) return next;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<typeof HEARTBEAT>((resolve) => {
    timer = setTimeout(() => resolve(HEARTBEAT), ms);
  });
  return Promise.race([next, silence]).finally(() => clearTimeout(timer));
}
