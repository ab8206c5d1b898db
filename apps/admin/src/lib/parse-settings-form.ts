import {
  ROUTING_STRATEGIES,
  type RoutingStrategy,
  type SettingsPatch,
  type SystemSettings,
} from '../api/settings-api';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger } from './validation';

/** The settings form as typed: numbers as text, and empty text for "none" or "default". */
export interface SettingsFormInput {
  systemName: string;
  logoUrl: string;
  notice: string;
  publicPricing: boolean;
  registrationEnabled: boolean;
  newUserQuota: string;
  defaultGroup: string;
  inviterQuota: string;
  inviteeQuota: string;
  /** Empty: the gateway's RETRY_TIMES. */
  retryTimes: string;
  routingStrategy: RoutingStrategy;
  stickySessions: boolean;
  /** Group names separated by commas or spaces. */
  nonStickyGroups: string;
  /** Empty: the gateway's RELAY_TIMEOUT. */
  firstByteTimeoutSeconds: string;
}

export const NOTICE_MAX = 10_000;

const text = (value: number | null) => (value === null ? '' : String(value));

/** The stored settings as the form shows them. */
export function toSettingsForm(settings: SystemSettings): SettingsFormInput {
  return {
    systemName: settings.systemName,
    logoUrl: settings.logoUrl ?? '',
    notice: settings.notice,
    publicPricing: settings.publicPricing,
    registrationEnabled: settings.registrationEnabled,
    newUserQuota: String(settings.newUserQuota),
    defaultGroup: settings.defaultGroup,
    inviterQuota: String(settings.inviterQuota),
    inviteeQuota: String(settings.inviteeQuota),
    retryTimes: text(settings.retryTimes),
    routingStrategy: settings.routingStrategy,
    stickySessions: settings.stickySessions,
    nonStickyGroups: settings.nonStickyGroups.join(', '),
    firstByteTimeoutSeconds: text(settings.firstByteTimeoutSeconds),
  };
}

/** A whole number in [min, max], null for empty text when `optional`, else undefined. */
function readBounded(input: string, min: number, max: number, optional: boolean) {
  if (optional && input.trim() === '') return null;
  const value = parseInteger(input);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

const readQuota = (input: string) => readBounded(input, 0, Number.MAX_SAFE_INTEGER, false);

/** The server's rule (zod `z.url({ protocol: /^https?$/ })`, at most 512 characters). */
function checkLogoUrl(url: string): string | undefined {
  if (url === '') return undefined;
  if (url.length > 512) return t('check.atMost', { max: 512 });
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? undefined : t('check.httpsUrl');
  } catch {
    return t('check.httpsUrl');
  }
}

const isStrategy = (value: string): value is RoutingStrategy =>
  (ROUTING_STRATEGIES as readonly string[]).includes(value);

/** Group names as typed, separated by commas or white space. */
function readGroups(input: string): string[] {
  return input.split(/[\s,]+/).filter((name) => name !== '');
}

function checkGroups(groups: readonly string[]): string | undefined {
  if (groups.some((name) => name.length > 64)) return t('check.atMost', { max: 64 });
  if (new Set(groups).size !== groups.length) return t('check.groupsOnce');
  return undefined;
}

/** Reads the whole form with the gateway's rules (apps/gateway/src/options/system-settings.ts). */
export function parseSettingsForm(input: SettingsFormInput): Parsed<SystemSettings> {
  const systemName = input.systemName.trim();
  const logoUrl = input.logoUrl.trim();
  const defaultGroup = input.defaultGroup.trim();
  const newUserQuota = readQuota(input.newUserQuota);
  const inviterQuota = readQuota(input.inviterQuota);
  const inviteeQuota = readQuota(input.inviteeQuota);
  const retryTimes = readBounded(input.retryTimes, 0, 10, true);
  const firstByteTimeoutSeconds = readBounded(input.firstByteTimeoutSeconds, 1, 86_400, true);
  const nonStickyGroups = readGroups(input.nonStickyGroups);
  const quotaError = t('check.wholeNumberMin0');
  const errors = compactErrors({
    systemName:
      systemName === ''
        ? t('check.siteName')
        : systemName.length > 64
          ? t('check.atMost', { max: 64 })
          : undefined,
    logoUrl: checkLogoUrl(logoUrl),
    notice: input.notice.length > NOTICE_MAX ? t('check.atMost', { max: NOTICE_MAX }) : undefined,
    newUserQuota: newUserQuota === undefined ? quotaError : undefined,
    defaultGroup:
      defaultGroup === ''
        ? t('check.nameGroup')
        : defaultGroup.length > 64
          ? t('check.atMost', { max: 64 })
          : undefined,
    inviterQuota: inviterQuota === undefined ? quotaError : undefined,
    inviteeQuota: inviteeQuota === undefined ? quotaError : undefined,
    retryTimes: retryTimes === undefined ? t('check.retries') : undefined,
    routingStrategy: isStrategy(input.routingStrategy) ? undefined : t('check.strategy'),
    nonStickyGroups: checkGroups(nonStickyGroups),
    firstByteTimeoutSeconds: firstByteTimeoutSeconds === undefined ? t('check.timeout') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      systemName,
      logoUrl: logoUrl === '' ? null : logoUrl,
      notice: input.notice,
      publicPricing: input.publicPricing,
      registrationEnabled: input.registrationEnabled,
      newUserQuota: newUserQuota!,
      defaultGroup,
      inviterQuota: inviterQuota!,
      inviteeQuota: inviteeQuota!,
      retryTimes: retryTimes!,
      routingStrategy: input.routingStrategy,
      stickySessions: input.stickySessions,
      nonStickyGroups,
      firstByteTimeoutSeconds: firstByteTimeoutSeconds!,
    },
  };
}

/**
 * Only what differs from the settings the form was opened with, so a save never writes
 * back a value another admin changed meanwhile in a field this one did not touch.
 */
export function changedSettings(before: SystemSettings, after: SystemSettings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof SystemSettings)[]) {
    // Lists are compared by their items: a new array of the same names is no change.
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as SettingsPatch;
}
