import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Channel keys at rest: AES-256-GCM under a key-encryption key (KEK). A ciphertext reads
 * `v1.<kid>.<iv>.<tag>.<data>` (base64url parts); `kid` names the KEK by fingerprint, so a
 * rotation can tell what is already re-encrypted and resume after an interruption.
 */
export interface KeyCipher {
  /** Fingerprint of the KEK: the first 8 hex digits of its SHA-256. */
  readonly keyId: string;
  encrypt(plaintext: string): string;
  /** Throws KeyCipherError when the ciphertext is malformed, tampered or under another KEK. */
  decrypt(ciphertext: string): string;
  /** The KEK id a ciphertext was made with, without decrypting it. */
  keyIdOf(ciphertext: string): string | undefined;
}

export class KeyCipherError extends Error {
  override readonly name = 'KeyCipherError';
}

const VERSION = 'v1';

export function createKeyCipher(kek: Buffer): KeyCipher {
  if (kek.length !== 32) throw new KeyCipherError('The key-encryption key must be 32 bytes');
  const keyId = createHash('sha256').update(kek).digest('hex').slice(0, 8);
  return {
    keyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      // The kid is authenticated too: a ciphertext moved under another kid fails to decrypt.
      cipher.setAAD(Buffer.from(keyId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv, cipher.getAuthTag(), data]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION)
        throw new KeyCipherError('Not a channel-key ciphertext');
      const [, kid, iv, tag, data] = parts as [string, string, string, string, string];
      if (kid !== keyId)
        throw new KeyCipherError(`Encrypted under another key-encryption key (${kid})`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(kid));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(data, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new KeyCipherError('The ciphertext does not authenticate (tampered or corrupt)');
      }
    },
    keyIdOf(ciphertext) {
      const parts = ciphertext.split('.');
      return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
    },
  };
}

/**
 * Reads a KEK from configuration: 64 hex digits or base64 of 32 bytes. Anything else is
 * refused rather than stretched, so a typo cannot silently become a different key.
 */
export function parseKeyEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) return decoded;
  throw new KeyCipherError('KEY_ENCRYPTION_KEY must be 32 bytes as 64 hex digits or base64');
}
