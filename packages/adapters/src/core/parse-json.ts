import { AdapterError } from '../spec/adapter-error';

/** Parses upstream JSON; malformed text becomes a retryable `upstream_bad_response`. */
export function parseUpstreamJson(text: string, what = 'upstream response'): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AdapterError('upstream_bad_response', `The ${what} is not valid JSON`, { cause });
  }
}

/** Narrows an unknown to a plain object, or returns an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
