import type { Storage } from '@oneapi/storage';
import type { KeyCipher } from '../secrets/key-cipher';
import { CliError } from './cli-io';

/**
 * Re-encrypts every user's TOTP secret from `from` to `to`, as rotateChannelKeys does the
 * channel keys: every secret is read and opened before the first write (one that neither
 * key opens stops the run with nothing changed), secrets already under `to` are skipped,
 * and each write is a compare-and-set. A secret left under the old key would lock its user
 * out of two-factor sign-in. Returns how many were re-encrypted.
 */
export async function rotateTotpSecrets(
  storage: Storage,
  from: KeyCipher,
  to: KeyCipher,
): Promise<number> {
  const { totpFactors } = storage.repositories;
  const pending: { userId: number; sealed: string; secret: string }[] = [];
  const unreadable: number[] = [];
  for (const { userId, secret: sealed } of await totpFactors.listSecrets()) {
    if (to.keyIdOf(sealed) === to.keyId) continue;
    try {
      pending.push({ userId, sealed, secret: from.decrypt(sealed) });
    } catch {
      unreadable.push(userId);
    }
  }
  if (unreadable.length > 0)
    throw new CliError(
      'failed',
      `Nothing was changed: the TOTP secrets of user(s) ${unreadable.join(', ')} do not decrypt with the current key-encryption key (${from.keyId})`,
    );
  let rotated = 0;
  for (const row of pending) {
    if (await totpFactors.replaceSecret(row.userId, row.sealed, to.encrypt(row.secret))) rotated++;
  }
  return rotated;
}
