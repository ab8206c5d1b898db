import { countTextsTokens } from './count-tokens';

/**
 * The tokens of every string found in `values` under one of `keys`, at any depth (arrays are
 * walked through): the prompt of a request passed through as the client wrote it, counted
 * for a stream whose upstream reported no usage. The body's depth is bounded at ingress.
 */
export function countTokensUnder(
  values: readonly unknown[],
  keys: ReadonlySet<string>,
): Promise<number> {
  // One count of them all: one trip to the counter, wherever it runs.
  return countTextsTokens([...textsUnder(values, keys)]);
}

function* textsUnder(value: unknown, keys: ReadonlySet<string>): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* textsUnder(item, keys);
  else if (typeof value === 'object' && value !== null)
    for (const [key, field] of Object.entries(value))
      if (keys.has(key)) yield* textsUnder(field, keys);
}
