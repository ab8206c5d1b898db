/*
 * The audit log keeps entities before and after a change. They are recorded from the admin
 * API's views, which already leave out key ciphertexts, key and password hashes; this is the
 * second net for anything secret a view or a free-form object (a channel's `config`, header
 * overrides) still carries: such a field is masked by its name, whatever the entity.
 */

const SECRET_NAME =
  /secret|passw|token|api[-_]?key|^keys?$|credential|private|hash|ciphertext|authorization|signature|cookie|access[-_]?key/i;
// Names that match the pattern but hold no secret: counts, masked forms, flags, ids, limits.
const NOT_SECRET = new Set([
  'keyCount',
  'keysMasked',
  'keyPrefix',
  'hasPassword',
  'hasAccessToken',
  'tokenId',
  'maxTokens',
  'maxOutputTokens',
]);

// Nothing of the value is kept, not even its end: a password's or hash's last characters
// are part of the secret. Channel keys are told apart by the views' own `keysMasked`.
const MASKED = '****';

/** A copy of `value` with every string under a secret-looking field name masked. */
export function maskSecrets(value: unknown): unknown {
  return maskValue(value, false);
}

function maskValue(value: unknown, secret: boolean): unknown {
  if (typeof value === 'string') return secret ? MASKED : value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secret));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [
      name,
      maskValue(field, secret || (SECRET_NAME.test(name) && !NOT_SECRET.has(name))),
    ]),
  );
}
