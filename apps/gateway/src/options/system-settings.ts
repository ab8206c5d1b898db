import { asRecord } from '@oneapi/adapters';
import type { OptionsRepository } from '@oneapi/storage';
import { z } from 'zod';
import type { ChangeBus } from '../cluster/change-bus';
import type { GatewayServices } from '../compose';
import { createCachedOptionRow } from './cached-option-row';

/** The options row holding the site settings, one JSON object. */
export const SETTINGS_OPTION = 'settings';

const settingFields = {
  /** The name the dashboard shows in its title and header. */
  systemName: z.string().trim().min(1).max(64),
  /** An http(s) URL of the dashboard's logo; null: none. */
  logoUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(512)
    .nullable(),
  /** Text shown to every visitor of the dashboard (as text, never HTML); empty: none. */
  notice: z.string().max(10_000),
  /** Whether anyone, signed in or not, may read the models and prices (GET /api/public/pricing). */
  publicPricing: z.boolean(),
  /** Whether anyone may create an account with `POST /api/auth/register`. */
  registrationEnabled: z.boolean(),
  /** Quota, in quota units, a new account starts with (registered or created by an admin). */
  newUserQuota: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The group a new account joins when none is given. */
  defaultGroup: z.string().min(1).max(64),
  /** Quota, in quota units, credited to a user whose invite code someone signs up with. */
  inviterQuota: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Quota, in quota units, a self-registered account gets on top of `newUserQuota` when invited. */
  inviteeQuota: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Further attempts on other keys or channels after a failure; null: RETRY_TIMES. */
  retryTimes: z.number().int().min(0).max(10).nullable(),
  /** How a channel is picked among equals: by weight, lowest latency, or lowest cost. */
  routingStrategy: z.enum(['weighted', 'least-latency', 'least-cost']),
  /** Whether one caller's conversation keeps to one channel (provider prompt caches). */
  stickySessions: z.boolean(),
  /** Groups whose requests are never sticky, whatever `stickySessions` says (names, unique). */
  nonStickyGroups: z
    .array(z.string().trim().min(1).max(64))
    .max(1000)
    .refine((groups) => new Set(groups).size === groups.length, 'each group at most once'),
  /** Seconds an upstream may take to its first byte before failover; null: RELAY_TIMEOUT. */
  firstByteTimeoutSeconds: z.number().int().min(1).max(86_400).nullable(),
};

export const systemSettingsSchema = z.strictObject(settingFields);
/** What root may change: any of the settings, the others stay as they are. */
export const systemSettingsPatch = systemSettingsSchema.partial();

export type SystemSettings = z.infer<typeof systemSettingsSchema>;
export type SystemSettingsPatch = z.infer<typeof systemSettingsPatch>;

export const DEFAULT_SETTINGS: SystemSettings = {
  systemName: 'oneapi',
  logoUrl: null,
  notice: '',
  // Prices are the operator's business until root chooses to publish them.
  publicPricing: false,
  // Closed until root opens it: an open gateway hands out quota to strangers.
  registrationEnabled: false,
  newUserQuota: 0,
  defaultGroup: 'default',
  inviterQuota: 0,
  inviteeQuota: 0,
  retryTimes: null,
  routingStrategy: 'weighted',
  stickySessions: true,
  nonStickyGroups: [],
  firstByteTimeoutSeconds: null,
};

/**
 * The stored settings over the defaults. A field that no longer parses (edited by hand, or
 * written by a newer version) falls back to its default, so one bad value never stops the
 * gateway; it is named in `invalid`.
 */
export async function readSystemSettings(
  options: Pick<OptionsRepository, 'get'>,
): Promise<{ settings: SystemSettings; invalid: string[] }> {
  return parseSystemSettings(asRecord(await options.get(SETTINGS_OPTION)));
}

function parseSystemSettings(stored: Record<string, unknown>): {
  settings: SystemSettings;
  invalid: string[];
} {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(settingFields)) {
    if (!Object.hasOwn(stored, name)) continue;
    const parsed = schema.safeParse(stored[name]);
    if (parsed.success) settings[name] = parsed.data;
    else invalid.push(name);
  }
  return { settings: settings as SystemSettings, invalid };
}

/** The settings with an in-memory copy (see createCachedOptionRow). */
export function createSystemSettingsStore(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  changes: Pick<ChangeBus, 'publish' | 'subscribe'>,
) {
  return createCachedOptionRow(options, changes, SETTINGS_OPTION, {
    read: (stored) => parseSystemSettings(stored).settings,
    merge: (stored, patch: SystemSettingsPatch) => ({ ...stored, ...patch }),
  });
}

export type SystemSettingsStore = ReturnType<typeof createSystemSettingsStore>;

const stores = new WeakMap<object, SystemSettingsStore>();

/**
 * The one settings store of a gateway, shared by the routes that read it (status, sign-up,
 * user creation, settings), created on first use.
 */
export function systemSettingsOf(
  services: Pick<GatewayServices, 'storage' | 'changes'>,
): SystemSettingsStore {
  let store = stores.get(services);
  if (!store) {
    store = createSystemSettingsStore(services.storage.repositories.options, services.changes);
    stores.set(services, store);
  }
  return store;
}
