import type { AlertSettings, AlertSettingsPatch, SmtpSecurity } from '../api/alert-settings-api';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger } from './validation';

/** The mail and alert form as typed: numbers as text; empty secrets keep the stored ones. */
export interface AlertSettingsFormInput {
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: SmtpSecurity;
  smtpUsername: string;
  /** Empty: keep the stored password. */
  smtpPassword: string;
  /** Remove the stored password (a server that takes mail without one). */
  clearSmtpPassword: boolean;
  smtpFrom: string;
  webhookUrl: string;
  /** Empty: keep the stored secret. */
  webhookSecret: string;
  /** Remove the stored secret (no webhook is sent without one). */
  clearWebhookSecret: boolean;
  emailAlerts: boolean;
  webhookAlerts: boolean;
  quotaAlertEnabled: boolean;
  quotaAlertThreshold: string;
  channelAlertsEnabled: boolean;
  keyExpiryAlertEnabled: boolean;
  keyExpiryDays: string;
}

/** The gateway's minimum for a signing secret (apps/gateway/src/alerts/alert-settings.ts). */
const SECRET_MIN = 16;

export function toAlertSettingsForm(settings: AlertSettings): AlertSettingsFormInput {
  return {
    smtpHost: settings.smtpHost,
    smtpPort: String(settings.smtpPort),
    smtpSecurity: settings.smtpSecurity,
    smtpUsername: settings.smtpUsername,
    smtpPassword: '',
    clearSmtpPassword: false,
    smtpFrom: settings.smtpFrom,
    webhookUrl: settings.webhookUrl ?? '',
    webhookSecret: '',
    clearWebhookSecret: false,
    emailAlerts: settings.emailAlerts,
    webhookAlerts: settings.webhookAlerts,
    quotaAlertEnabled: settings.quotaAlertEnabled,
    quotaAlertThreshold: String(settings.quotaAlertThreshold),
    channelAlertsEnabled: settings.channelAlertsEnabled,
    keyExpiryAlertEnabled: settings.keyExpiryAlertEnabled,
    keyExpiryDays: String(settings.keyExpiryDays),
  };
}

function bounded(input: string, min: number, max: number): number | undefined {
  const value = parseInteger(input);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

function checkUrl(url: string): string | undefined {
  if (url === '') return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? undefined : t('check.httpsUrl');
  } catch {
    return t('check.httpsUrl');
  }
}

/**
 * Reads the form with the gateway's rules and returns only what differs from `stored`
 * (the secrets only when typed): saving an untouched form sends nothing.
 */
export function parseAlertSettingsForm(
  input: AlertSettingsFormInput,
  stored: AlertSettings,
): Parsed<AlertSettingsPatch> {
  const smtpPort = bounded(input.smtpPort, 1, 65_535);
  const quotaAlertThreshold = bounded(input.quotaAlertThreshold, 0, Number.MAX_SAFE_INTEGER);
  const keyExpiryDays = bounded(input.keyExpiryDays, 1, 365);
  const webhookUrl = input.webhookUrl.trim();
  const errors = compactErrors({
    smtpPort: smtpPort === undefined ? t('check.port') : undefined,
    webhookUrl: checkUrl(webhookUrl),
    webhookSecret:
      input.webhookSecret !== '' && input.webhookSecret.length < SECRET_MIN
        ? t('check.secretShort', { min: SECRET_MIN })
        : undefined,
    quotaAlertThreshold: quotaAlertThreshold === undefined ? t('check.wholeNumberMin0') : undefined,
    keyExpiryDays: keyExpiryDays === undefined ? t('check.days1to365') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const next: Omit<AlertSettings, 'smtpPasswordSet' | 'webhookSecretSet'> = {
    smtpHost: input.smtpHost.trim(),
    smtpPort: smtpPort!,
    smtpSecurity: input.smtpSecurity,
    smtpUsername: input.smtpUsername.trim(),
    smtpFrom: input.smtpFrom.trim(),
    webhookUrl: webhookUrl === '' ? null : webhookUrl,
    emailAlerts: input.emailAlerts,
    webhookAlerts: input.webhookAlerts,
    quotaAlertEnabled: input.quotaAlertEnabled,
    quotaAlertThreshold: quotaAlertThreshold!,
    channelAlertsEnabled: input.channelAlertsEnabled,
    keyExpiryAlertEnabled: input.keyExpiryAlertEnabled,
    keyExpiryDays: keyExpiryDays!,
  };
  const patch: Record<string, unknown> = Object.fromEntries(
    Object.entries(next).filter(([name, value]) => stored[name as keyof AlertSettings] !== value),
  );
  // A typed secret wins over a ticked "clear": the operator replaced it.
  if (input.smtpPassword !== '') patch.smtpPassword = input.smtpPassword;
  else if (input.clearSmtpPassword && stored.smtpPasswordSet) patch.smtpPassword = null;
  if (input.webhookSecret !== '') patch.webhookSecret = input.webhookSecret;
  else if (input.clearWebhookSecret && stored.webhookSecretSet) patch.webhookSecret = null;
  return { ok: true, value: patch as AlertSettingsPatch };
}
