import type { Storage } from '@oneapi/storage';
import type { KeyCipher } from '../secrets/key-cipher';
import { CliError } from './cli-io';

export interface RotationResult {
  /** Channels this run re-encrypted. */
  readonly rotated: number;
  /** Channels found already under the new key, by an earlier interrupted run. */
  readonly alreadyRotated: number;
}

/**
 * Re-encrypts every channel's key ciphertext from `from` to `to`. Each ciphertext names its
 * KEK (`v1.<kid>...`), so a table half rotated is a valid state: a second run skips what
 * is done and finishes the rest. Every row is read and decrypted before the first write, so
 * a row that neither key opens stops the run with nothing changed.
 *
 * Each row is written by its own statement (its own transaction), not one transaction for
 * all: since the kid makes a partial rotation resumable, all-or-nothing buys nothing, and a
 * long write transaction would hold SQLite's single write lock (or row locks elsewhere)
 * against the gateway's own channel writes. Each write is a compare-and-set on the
 * ciphertext that was read, so a key an admin edited meanwhile is never overwritten.
 */
export async function rotateChannelKeys(
  storage: Storage,
  from: KeyCipher,
  to: KeyCipher,
): Promise<RotationResult> {
  const channels = storage.repositories.channels;
  const pending: { id: number; ciphertext: string; plaintext: string }[] = [];
  const unreadable: string[] = [];
  let alreadyRotated = 0;
  for (const { id, keyCiphertext } of await channels.listAll()) {
    const done = to.keyIdOf(keyCiphertext) === to.keyId;
    try {
      const plaintext = (done ? to : from).decrypt(keyCiphertext);
      if (done) alreadyRotated++;
      else pending.push({ id, ciphertext: keyCiphertext, plaintext });
    } catch (error) {
      unreadable.push(`channel ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (unreadable.length > 0) {
    throw new CliError(
      'failed',
      `Nothing was changed: ${unreadable.length} channel(s) do not decrypt with the current key-encryption key (${from.keyId}) or the new one (${to.keyId}):\n  ${unreadable.join('\n  ')}`,
    );
  }

  let rotated = 0;
  for (const row of pending) {
    const sealed = to.encrypt(row.plaintext);
    if (await channels.replaceKeyCiphertext(row.id, row.ciphertext, sealed)) rotated++;
  }
  // A row that changed after it was read (or a gateway still on the old key writing one)
  // must not be left behind before the caller retires the old key.
  const behind = (await channels.listAll())
    .filter((channel) => to.keyIdOf(channel.keyCiphertext) !== to.keyId)
    .map((channel) => channel.id);
  if (behind.length > 0) {
    throw new CliError(
      'failed',
      `${rotated} channel(s) rotated, but channel(s) ${behind.join(', ')} changed during the rotation and are still under another key. Stop every gateway instance and run rotate-key again; it resumes where it stopped.`,
    );
  }
  return { rotated, alreadyRotated };
}
