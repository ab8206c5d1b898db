import type { ConfigField } from '../spec/provider-adapter';

/** Channel settings the gateway keeps beside a provider's own, each set through its own field. */
export const CHANNEL_SETTINGS: ReadonlySet<string> = new Set(['allowPrivateNetwork', 'overrides']);

export type ConfigCheck =
  | { readonly ok: true; readonly config: Record<string, unknown> }
  | { readonly ok: false; readonly field: string; readonly message: string };

/**
 * A channel's `config` against its provider's fields: every key one of them, each value of
 * its type, every required one present. Empty text is dropped (the form sends blanks for
 * settings left alone), integers given as text become numbers, text is trimmed. The first
 * fault names its field.
 */
export function checkProviderConfig(
  providerName: string,
  fields: readonly ConfigField[],
  config: Readonly<Record<string, unknown>>,
): ConfigCheck {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const checked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    const field = byName.get(name);
    if (CHANNEL_SETTINGS.has(name))
      return fail(name, `set through the channel's own field ${name}`);
    if (!field) {
      const known = fields.map((known) => known.name).join(', ') || 'none';
      return fail(name, `not a setting of ${providerName} (its settings: ${known})`);
    }
    const read = readValue(field, value);
    if (typeof read === 'object') return fail(name, read.error);
    if (read !== undefined) checked[name] = read;
  }
  const missing = fields.find((field) => field.required && checked[field.name] === undefined);
  if (missing) return fail(missing.name, `${providerName} requires ${missing.label}`);
  return { ok: true, config: checked };
}

function readValue(
  field: ConfigField,
  value: unknown,
): string | number | undefined | { error: string } {
  if (value === null || value === undefined) return undefined;
  if (field.type === 'integer') {
    if (typeof value === 'string' && value.trim() === '') return undefined;
    const number = typeof value === 'string' ? Number(value) : value;
    return Number.isSafeInteger(number) ? (number as number) : { error: 'must be a whole number' };
  }
  if (typeof value !== 'string') return { error: 'must be text' };
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > 512) return { error: 'must be at most 512 characters' };
  if (field.type === 'select' && !field.options?.includes(text))
    return { error: `must be one of ${field.options?.join(', ')}` };
  return text;
}

const fail = (field: string, message: string): ConfigCheck => ({
  ok: false,
  field: `config.${field}`,
  message,
});
