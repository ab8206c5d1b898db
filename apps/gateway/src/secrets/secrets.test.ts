import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret, keyPrefixOf, randomToken } from './hash-secret';
import { createKeyCipher, KeyCipherError, parseKeyEncryptionKey } from './key-cipher';
import { hashPassword, verifyPassword } from './passwords';

describe('key cipher', () => {
  const kek = randomBytes(32);
  const cipher = createKeyCipher(kek);

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('sk-upstream-secret');
    const b = cipher.encrypt('sk-upstream-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-upstream-secret');
    expect(cipher.decrypt(a)).toBe('sk-upstream-secret');
    expect(cipher.keyIdOf(a)).toBe(cipher.keyId);
  });

  it('refuses tampered data, a swapped key id and another KEK', () => {
    const sealed = cipher.encrypt('secret');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0]! ^= 1;
    expect(() =>
      cipher.decrypt([...parts.slice(0, 4), flipped.toString('base64url')].join('.')),
    ).toThrow(KeyCipherError);
    const other = createKeyCipher(randomBytes(32));
    expect(() => other.decrypt(sealed)).toThrow(/another key-encryption key/);
    expect(() => cipher.decrypt('plaintext-key')).toThrow(KeyCipherError);
  });

  it('reads a KEK as hex or base64 and refuses anything else', () => {
    expect(parseKeyEncryptionKey(kek.toString('hex'))).toEqual(kek);
    expect(parseKeyEncryptionKey(kek.toString('base64'))).toEqual(kek);
    expect(() => parseKeyEncryptionKey('too-short')).toThrow(/32 bytes/);
  });
});

describe('secrets and passwords', () => {
  it('generates distinct API keys of the documented shape', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(keyPrefixOf('sk-abcdefgh')).toBe('sk-abcd');
    expect(randomToken(10)).toHaveLength(10);
    expect(hashSecret('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
