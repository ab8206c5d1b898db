import { createHash, randomBytes } from 'node:crypto';

/**
 * Gateway keys, access tokens and session ids are long random strings, so a fast hash is
 * enough to store them: there is nothing to brute-force. Passwords use scrypt instead.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters from [A-Za-z0-9], without modulo bias. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new gateway API key: `sk-` and 48 random characters (about 285 bits). */
export const generateApiKey = () => `sk-${randomToken(48)}`;

/** What the dashboard shows of a key: enough to tell keys apart, nothing to use. */
export const keyPrefixOf = (key: string) => key.slice(0, 7);
