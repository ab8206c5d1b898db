import type { OptionsRepository } from '@oneapi/storage';
import { z } from 'zod';
import type { ChangeBus } from '../cluster/change-bus';
import type { GatewayServices } from '../compose';
import type { SmtpOptions } from '../mail/create-mailer';
import { createCachedOptionRow } from '../options/cached-option-row';
import type { KeyCipher } from '../secrets/key-cipher';
import { rotateSealedOptionFields } from '../secrets/rotate-sealed-option';

/** The options row holding the mail and alert settings, one JSON object. */
export const ALERT_SETTINGS_OPTION = 'alert_settings';

const fields = {
  /** The SMTP server's host name; empty: no mail is sent. */
  smtpHost: z.string().trim().max(255),
  smtpPort: z.number().int().min(1).max(65_535),
  /** `tls` from the first byte (465), `starttls` required (587), or `none` (a local relay). */
  smtpSecurity: z.enum(['tls', 'starttls', 'none']),
  /** Empty: the server takes mail without signing in. */
  smtpUsername: z.string().max(255),
  /** The sender, `alerts@example.com` or `Gateway <alerts@example.com>`; empty: the username. */
  smtpFrom: z.string().trim().max(255),
  /** Where alerts are POSTed as signed JSON; null: no webhook. */
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .nullable(),
  /** Whether alerts go out by email (users for their quota and keys, admins for channels). */
  emailAlerts: z.boolean(),
  /** Whether alerts are POSTed to `webhookUrl`. */
  webhookAlerts: z.boolean(),
  /** Whether a user is told when their remaining quota falls below `quotaAlertThreshold`. */
  quotaAlertEnabled: z.boolean(),
  /** Quota units; One API's QuotaRemindThreshold. */
  quotaAlertThreshold: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Whether admins are told when health disables or re-enables a channel. */
  channelAlertsEnabled: z.boolean(),
  /** Whether a key's owner is told that it expires within `keyExpiryDays`. */
  keyExpiryAlertEnabled: z.boolean(),
  keyExpiryDays: z.number().int().min(1).max(365),
};

export const alertSettingsSchema = z.strictObject(fields);
/** What root may change; the two secrets are write-only: a string sets, null clears. */
export const alertSettingsPatch = alertSettingsSchema.partial().extend({
  smtpPassword: z.string().max(1024).nullable().optional(),
  webhookSecret: z.string().min(16).max(1024).nullable().optional(),
});

export type AlertSettingsFields = z.infer<typeof alertSettingsSchema>;
export type AlertSettingsPatch = z.infer<typeof alertSettingsPatch>;

/** The settings as the API shows them: the secrets only as whether they are set. */
export interface AlertSettingsView extends AlertSettingsFields {
  readonly smtpPasswordSet: boolean;
  readonly webhookSecretSet: boolean;
}

/** The settings with the secrets decrypted, for the senders only; never leaves the process. */
export interface AlertSettings extends AlertSettingsView {
  readonly smtpPassword: string;
  readonly webhookSecret: string;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettingsFields = {
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUsername: '',
  smtpFrom: '',
  webhookUrl: null,
  emailAlerts: false,
  webhookAlerts: false,
  quotaAlertEnabled: false,
  // One API's default QuotaRemindThreshold: 1000 quota units.
  quotaAlertThreshold: 1000,
  channelAlertsEnabled: true,
  keyExpiryAlertEnabled: false,
  keyExpiryDays: 7,
};

/** Stored secrets are encrypted under the key-encryption key, as channel keys are. */
const SECRET_COLUMNS = {
  smtpPassword: 'smtpPasswordCiphertext',
  webhookSecret: 'webhookSecretCiphertext',
} as const;

/** The SMTP connection the settings describe; undefined when no host is set. */
export function smtpOptionsOf(settings: AlertSettings): SmtpOptions | undefined {
  if (!settings.smtpHost) return undefined;
  return {
    host: settings.smtpHost,
    port: settings.smtpPort,
    security: settings.smtpSecurity,
    username: settings.smtpUsername,
    password: settings.smtpPassword,
    from: settings.smtpFrom || settings.smtpUsername,
  };
}

/** Drops the decrypted secrets: what GET /api/settings/alerts answers. */
export function toAlertSettingsView(settings: AlertSettings): AlertSettingsView {
  const { smtpPassword: _password, webhookSecret: _secret, ...view } = settings;
  return view;
}

function readAlertSettings(stored: Record<string, unknown>, cipher: KeyCipher): AlertSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_ALERT_SETTINGS };
  // A field that no longer parses falls back to its default: one bad value stops nothing.
  for (const [name, schema] of Object.entries(fields)) {
    if (!Object.hasOwn(stored, name)) continue;
    const parsed = schema.safeParse(stored[name]);
    if (parsed.success) settings[name] = parsed.data;
  }
  const secret = (column: string): string => {
    const ciphertext = stored[column];
    if (typeof ciphertext !== 'string') return '';
    try {
      return cipher.decrypt(ciphertext);
    } catch {
      // Encrypted under an earlier key-encryption key: treated as unset until entered again.
      return '';
    }
  };
  const smtpPassword = secret(SECRET_COLUMNS.smtpPassword);
  const webhookSecret = secret(SECRET_COLUMNS.webhookSecret);
  return {
    ...(settings as AlertSettingsFields),
    smtpPassword,
    webhookSecret,
    smtpPasswordSet: smtpPassword !== '',
    webhookSecretSet: webhookSecret !== '',
  };
}

/**
 * The mail and alert settings with an in-memory copy, reloaded on every `options` change (an
 * edit here or on another instance), as the site settings are.
 */
export function createAlertSettingsStore(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  changes: Pick<ChangeBus, 'publish' | 'subscribe'>,
  cipher: KeyCipher,
) {
  return createCachedOptionRow(options, changes, ALERT_SETTINGS_OPTION, {
    read: (stored) => readAlertSettings(stored, cipher),
    merge(stored, patch: AlertSettingsPatch) {
      const { smtpPassword, webhookSecret, ...plain } = patch;
      const merged: Record<string, unknown> = { ...stored, ...plain };
      for (const [name, value] of [
        ['smtpPassword', smtpPassword],
        ['webhookSecret', webhookSecret],
      ] as const) {
        if (value === undefined) continue;
        const column = SECRET_COLUMNS[name];
        if (value === null || value === '') delete merged[column];
        else merged[column] = cipher.encrypt(value);
      }
      return merged;
    },
  });
}

/**
 * Moves the stored SMTP password and webhook secret from the `from` key-encryption key to
 * `to` (`oneapi rotate-key`, which runs with no gateway up). Returns how many were
 * re-encrypted.
 */
export function rotateAlertSecrets(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  from: KeyCipher,
  to: KeyCipher,
): Promise<number> {
  return rotateSealedOptionFields(
    options,
    ALERT_SETTINGS_OPTION,
    Object.values(SECRET_COLUMNS),
    from,
    to,
  );
}

export type AlertSettingsStore = ReturnType<typeof createAlertSettingsStore>;

const stores = new WeakMap<object, AlertSettingsStore>();

/** The one alert settings store of a gateway, created on first use. */
export function alertSettingsOf(
  services: Pick<GatewayServices, 'storage' | 'changes' | 'cipher'>,
): AlertSettingsStore {
  let store = stores.get(services);
  if (!store) {
    store = createAlertSettingsStore(
      services.storage.repositories.options,
      services.changes,
      services.cipher,
    );
    stores.set(services, store);
  }
  return store;
}
