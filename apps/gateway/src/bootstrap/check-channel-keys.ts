import type { Storage } from '@oneapi/storage';
import { ConfigError } from '../config';
import type { KeyCipher } from '../secrets/key-cipher';

/**
 * Refuses to serve with a key-encryption key that opens none of the stored channel keys: a
 * wrong KEY_ENCRYPTION_KEY, or a lost `key-encryption.key` replaced by a fresh one, would
 * otherwise start a gateway whose every channel is skipped as undecryptable. Channels under
 * this key and some under another (an interrupted rotation, one tampered row) still start:
 * the router skips only those that do not decrypt.
 */
export async function checkChannelKeys(storage: Storage, cipher: KeyCipher): Promise<void> {
  const channels = await storage.repositories.channels.listAll();
  if (channels.length === 0) return;
  const others = new Set<string>();
  for (const channel of channels) {
    const keyId = cipher.keyIdOf(channel.keyCiphertext);
    if (keyId === cipher.keyId) return;
    if (keyId) others.add(keyId);
  }
  throw new ConfigError(
    `The key-encryption key (fingerprint ${cipher.keyId}) opens none of the ${channels.length} ` +
      `stored channel keys (encrypted under ${[...others].join(', ') || 'an unknown key'}). ` +
      'Set KEY_ENCRYPTION_KEY to the key they were encrypted with (or restore ' +
      'key-encryption.key beside the SQLite file); see docs/configuration.md.',
  );
}
