import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../api/alert-settings-api';
import { parseAlertSettingsForm, toAlertSettingsForm } from './parse-alert-settings-form';

const STORED: AlertSettings = {
  smtpHost: 'smtp.example.com',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUsername: 'alerts',
  smtpFrom: '',
  webhookUrl: null,
  emailAlerts: true,
  webhookAlerts: false,
  quotaAlertEnabled: false,
  quotaAlertThreshold: 1000,
  channelAlertsEnabled: true,
  keyExpiryAlertEnabled: false,
  keyExpiryDays: 7,
  smtpPasswordSet: true,
  webhookSecretSet: false,
};

describe('the mail and alert form', () => {
  it('sends nothing for an untouched form, and never an empty secret', () => {
    expect(parseAlertSettingsForm(toAlertSettingsForm(STORED), STORED)).toEqual({
      ok: true,
      value: {},
    });
  });

  it('sends only what changed, with a typed secret', () => {
    const input = {
      ...toAlertSettingsForm(STORED),
      smtpPort: '465',
      smtpSecurity: 'tls' as const,
      webhookUrl: ' https://hooks.example.com/oneapi ',
      webhookSecret: 'a-long-enough-secret',
    };
    expect(parseAlertSettingsForm(input, STORED)).toEqual({
      ok: true,
      value: {
        smtpPort: 465,
        smtpSecurity: 'tls',
        webhookUrl: 'https://hooks.example.com/oneapi',
        webhookSecret: 'a-long-enough-secret',
      },
    });
  });

  it('clears a stored secret only when ticked and nothing new is typed', () => {
    const form = toAlertSettingsForm(STORED);
    expect(parseAlertSettingsForm({ ...form, clearSmtpPassword: true }, STORED)).toEqual({
      ok: true,
      value: { smtpPassword: null },
    });
    // Nothing stored: nothing to clear.
    expect(parseAlertSettingsForm({ ...form, clearWebhookSecret: true }, STORED)).toEqual({
      ok: true,
      value: {},
    });
    expect(
      parseAlertSettingsForm({ ...form, clearSmtpPassword: true, smtpPassword: 'new' }, STORED),
    ).toEqual({ ok: true, value: { smtpPassword: 'new' } });
  });

  it('names each field the gateway would refuse', () => {
    const input = {
      ...toAlertSettingsForm(STORED),
      smtpPort: '70000',
      webhookUrl: 'ftp://example.com',
      webhookSecret: 'short',
      quotaAlertThreshold: '-1',
      keyExpiryDays: '0',
    };
    const parsed = parseAlertSettingsForm(input, STORED);
    expect(parsed.ok).toBe(false);
    expect(Object.keys(parsed.ok ? {} : parsed.errors).sort()).toEqual([
      'keyExpiryDays',
      'quotaAlertThreshold',
      'smtpPort',
      'webhookSecret',
      'webhookUrl',
    ]);
  });
});
