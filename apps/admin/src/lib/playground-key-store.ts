/** The Playground's key as kept in sessionStorage: whose it is and until when it works. */
export interface StoredPlaygroundKey {
  readonly userId: number;
  readonly key: string;
  /** Epoch milliseconds, as POST /api/user/self/playground-key answered. */
  readonly expiresAt: number;
}

// A key this close to expiry is replaced rather than risked in the middle of a reply.
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * The stored key, if it belongs to `userId` and is still good at `now`. The text comes from
 * storage any script of this origin could write, so every field is checked.
 */
export function readStoredKey(text: string | null, userId: number, now: number): string | null {
  if (!text) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof stored !== 'object' || stored === null) return null;
  const { userId: owner, key, expiresAt } = stored as Partial<Record<string, unknown>>;
  if (owner !== userId || typeof key !== 'string' || !key.startsWith('sk-')) return null;
  if (typeof expiresAt !== 'number' || expiresAt - EXPIRY_MARGIN_MS <= now) return null;
  return key;
}

export const toStoredKey = (stored: StoredPlaygroundKey) => JSON.stringify(stored);
