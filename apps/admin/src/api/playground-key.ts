import { readStoredKey, toStoredKey } from '../lib/playground-key-store';
import { ApiError } from './api-error';
import { request } from './request';

/**
 * The Playground's own API key: one per user, named "playground", that the gateway makes on
 * first use and rotates on each later call (only hashes are stored, so a secret cannot be
 * read back). Kept in sessionStorage only: it lives as long as this tab, never on disk, and
 * a tab asks the gateway again only when it has none or the one it has stops working.
 */
const STORAGE_KEY = 'oneapi.playground-key';

// Only one key is created at a time: StrictMode's double effects and a quick second send
// share it.
let creating: Promise<string> | null = null;

export function getPlaygroundKey(userId: number): Promise<string> {
  const stored = readStoredKey(readStorage(), userId, Date.now());
  if (stored) return Promise.resolve(stored);
  creating ??= createPlaygroundKey(userId).finally(() => {
    creating = null;
  });
  return creating;
}

async function createPlaygroundKey(userId: number): Promise<string> {
  const { key, expiresAt } = await request<{ key: string; expiresAt: number }>(
    'POST',
    '/api/user/self/playground-key',
  );
  writeStorage(toStoredKey({ userId, key, expiresAt }));
  return key;
}

/** Drops the stored key (on sign-out, or when the gateway no longer accepts it). */
export function forgetPlaygroundKey(): void {
  unstored = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the key was only in memory.
  }
}

/**
 * Runs `call` with the Playground's key. A 401 means the key was deleted, disabled, expired
 * or rotated (by another tab): the gateway hands out a fresh secret and the call is tried
 * once more.
 */
export async function withPlaygroundKey<T>(
  userId: number,
  call: (key: string) => Promise<T>,
): Promise<T> {
  try {
    return await call(await getPlaygroundKey(userId));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    forgetPlaygroundKey();
    return call(await getPlaygroundKey(userId));
  }
}

// Storage can be disabled (privacy settings): the key is then kept in memory, until reload.
let unstored: string | null = null;

function readStorage(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return unstored;
  }
}

function writeStorage(text: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, text);
  } catch {
    unstored = text;
  }
}
