import { describe, expect, it } from 'vitest';
import { readStoredKey, toStoredKey } from './playground-key-store';

// As the gateway hands a Playground key out: good for a day.
const PLAYGROUND_KEY_LIFETIME_MS = 24 * 3_600_000;

describe('the stored Playground key', () => {
  const now = 1_900_000_000_000;
  const stored = toStoredKey({
    userId: 7,
    key: 'sk-abc',
    expiresAt: now + PLAYGROUND_KEY_LIFETIME_MS,
  });

  it('is reused by its owner while it is valid', () => {
    expect(readStoredKey(stored, 7, now)).toBe('sk-abc');
    expect(readStoredKey(stored, 7, now + PLAYGROUND_KEY_LIFETIME_MS - 10 * 60_000)).toBe('sk-abc');
  });

  it('is replaced near its expiry, for another user, or when it is not ours', () => {
    expect(readStoredKey(stored, 7, now + PLAYGROUND_KEY_LIFETIME_MS - 60_000)).toBeNull();
    expect(readStoredKey(stored, 8, now)).toBeNull();
    for (const text of [null, '', 'sk-abc', '{"userId":7}', '[]', 'null'])
      expect(readStoredKey(text, 7, now)).toBeNull();
    expect(
      readStoredKey(JSON.stringify({ userId: 7, key: 'x', expiresAt: now * 2 }), 7, now),
    ).toBeNull();
  });
});
