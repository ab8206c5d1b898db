import {
  PLAYGROUND_KEY_LIFETIME_MS,
  readStoredKey,
  toStoredKey,
} from '../lib/playground-key-store';
import { ApiError } from './api-error';
import { createToken } from './tokens-api';

/**
 * The Playground's own API key. The dashboard never sees existing keys (only their hashes
 * are stored), so it creates one named "playground" that expires in 24 hours, and keeps it
 * in sessionStorage only: it lives as long as this tab and is never written to disk.
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
  const expiresAt = Date.now() + PLAYGROUND_KEY_LIFETIME_MS;
  const token = await createToken({
    name: 'playground',
    unlimitedQuota: true,
    remainQuota: 0,
    expiresAt,
    allowedModels: null,
  });
  writeStorage(toStoredKey({ userId, key: token.key, expiresAt }));
  return token.key;
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
 * Runs `call` with the Playground's key. A 401 means the key was deleted, disabled or has
 * expired (on the API keys page, say): a fresh one is made and the call tried once more.
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
