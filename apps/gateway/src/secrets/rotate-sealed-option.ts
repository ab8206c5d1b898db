import { asRecord } from '@oneapi/adapters';
import type { OptionsRepository } from '@oneapi/storage';
import type { KeyCipher } from './key-cipher';

/**
 * Re-encrypts the sealed `fields` of one options row from `from`'s key to `to`'s, for
 * `rotate-key`: a field already under the new key (a rerun after a crash) or under neither
 * is left as it is. Answers how many it rotated.
 */
export async function rotateSealedOptionFields(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  optionName: string,
  fields: readonly string[],
  from: KeyCipher,
  to: KeyCipher,
): Promise<number> {
  const stored = asRecord(await options.get(optionName));
  let rotated = 0;
  for (const field of fields) {
    const ciphertext = stored[field];
    if (typeof ciphertext !== 'string' || ciphertext === '') continue;
    if (to.keyIdOf(ciphertext) === to.keyId || from.keyIdOf(ciphertext) !== from.keyId) continue;
    stored[field] = to.encrypt(from.decrypt(ciphertext));
    rotated++;
  }
  if (rotated > 0) await options.set(optionName, stored);
  return rotated;
}
