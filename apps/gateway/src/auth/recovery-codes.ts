import { randomInt } from 'node:crypto';
import { hashSecret } from '../secrets/hash-secret';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code read from paper is typed back right.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh codes like `k7m2p-x9qrt`: 10 characters of 31, about 50 bits each. */
export function createRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    return `${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`;
  });
}

/**
 * What is stored and compared: the hash of the code without case, spaces or dashes, so a
 * code typed as read is found. 50 random bits and a few tries per sign-in leave nothing for
 * a slow hash to protect.
 */
export function hashRecoveryCode(code: string): string {
  return hashSecret(code.toLowerCase().replace(/[\s-]/g, ''));
}

/** Whether an entry looks like a recovery code rather than a 6-digit TOTP code. */
export function isRecoveryCodeShape(code: string): boolean {
  return /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim());
}
