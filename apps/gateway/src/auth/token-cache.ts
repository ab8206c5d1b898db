import type { Storage, Token, User } from '@oneapi/storage';

export interface CachedKey {
  readonly token: Token;
  readonly owner: User;
}

export interface TokenCache {
  /** The key and its owner by key hash: from memory when fresh, else from the database. */
  get(keyHash: string): Promise<CachedKey | undefined>;
  /** Forget everything: called after any admin write to tokens or users. */
  clear(): void;
}

/**
 * Keeps relay authentication off the database on the hot path. Entries live `ttlMs`
 * (bounding how stale another instance's edit can be until cross-instance invalidation
 * exists) and at most `maxEntries` (oldest dropped first). Unknown keys are not cached, so
 * guessing keys cannot fill memory. Balances in the entry are not used for billing: the
 * ledger checks quota in the database, atomically.
 */
export function createTokenCache(
  storage: Storage,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): TokenCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: CachedKey; expiresAt: number }>();
  let generation = 0;

  return {
    async get(keyHash) {
      const cached = entries.get(keyHash);
      if (cached && cached.expiresAt > now()) return cached.value;
      const startedIn = generation;
      const token = await storage.repositories.tokens.findByKeyHash(keyHash);
      const owner = token && (await storage.repositories.users.findById(token.userId));
      if (!token || !owner) return undefined;
      const value = { token, owner };
      // A clear() during the lookup means this read may predate an edit: use it, don't keep it.
      if (startedIn === generation) {
        entries.delete(keyHash);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(keyHash, { value, expiresAt: now() + ttlMs });
      }
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
