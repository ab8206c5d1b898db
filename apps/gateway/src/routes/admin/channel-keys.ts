import type { KeyCipher } from '../../secrets/key-cipher';

/**
 * A channel holds one or more upstream keys, entered one per line as in One API. They are
 * stored as one ciphertext of their JSON list, so adding a key never leaves a half-written row.
 */
export function sealChannelKeys(cipher: KeyCipher, keys: readonly string[]): string {
  return cipher.encrypt(JSON.stringify(keys));
}

export function openChannelKeys(cipher: KeyCipher, ciphertext: string): string[] {
  const keys: unknown = JSON.parse(cipher.decrypt(ciphertext));
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}

/** Splits the key field as typed: one key per line, blank lines and padding dropped. */
export function splitKeyInput(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
