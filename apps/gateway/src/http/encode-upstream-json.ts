import { encodeJsonOffThread } from './json-worker';
import { OFF_THREAD_JSON_BYTES } from './read-json';

/**
 * The gateway's JSON encoder for upstream request bodies (`UpstreamTarget.encodeJson`): a body
 * of `OFF_THREAD_JSON_BYTES` or more is stringified and encoded in the JSON worker, the rest
 * here, as the request body was parsed. `JSON.stringify` of 20 MiB of text held the event
 * loop 40-55 ms in one call, which no slicing can split.
 */
export function encodeUpstreamJson(value: object): Promise<string | Uint8Array> {
  if (isJsonAtLeast(value, OFF_THREAD_JSON_BYTES)) return encodeJsonOffThread(value);
  return Promise.resolve(JSON.stringify(value));
}

/**
 * Whether `value`'s JSON has about `units` code units or more (strings and keys by their
 * length, other values and punctuation at a few units each). The walk stops as soon as it
 * knows: a small body costs its size, a large one no more than the threshold's worth of it.
 */
export function isJsonAtLeast(value: unknown, units: number): boolean {
  const pending: unknown[] = [value];
  let seen = 0;
  for (let next = pending.pop(); seen < units; next = pending.pop()) {
    if (typeof next === 'string') seen += next.length + 2;
    else if (Array.isArray(next)) {
      seen += 2;
      for (let i = 0; i < next.length && seen < units; i++, seen++) pending.push(next[i]);
    } else if (typeof next === 'object' && next !== null) {
      seen += 2;
      for (const key in next) {
        if (seen >= units) break;
        seen += key.length + 4;
        pending.push((next as Record<string, unknown>)[key]);
      }
    } else seen += 4;
    if (pending.length === 0) return seen >= units;
  }
  return true;
}
