import { describe, expect, it } from 'vitest';
import type { SystemSettings } from '../api/settings-api';
import { changedSettings, parseSettingsForm, toSettingsForm } from './parse-settings-form';

// The gateway's DEFAULT_SETTINGS.
const DEFAULTS: SystemSettings = {
  systemName: 'oneapi',
  logoUrl: null,
  notice: '',
  publicPricing: false,
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

const form = toSettingsForm(DEFAULTS);
const errorsOf = (parsed: ReturnType<typeof parseSettingsForm>) => (parsed.ok ? {} : parsed.errors);

describe('parseSettingsForm', () => {
  it('reads back what toSettingsForm shows, empty fields as null', () => {
    expect(form.retryTimes).toBe('');
    expect(form.logoUrl).toBe('');
    expect(parseSettingsForm(form)).toEqual({ ok: true, value: DEFAULTS });
  });

  it('trims names and reads numbers', () => {
    const parsed = parseSettingsForm({
      ...form,
      systemName: '  Acme AI ',
      logoUrl: ' https://acme.example/logo.png ',
      notice: '  <b>kept as typed</b>\n',
      defaultGroup: ' vip ',
      newUserQuota: '500000',
      inviterQuota: '1',
      inviteeQuota: '2',
      retryTimes: '0',
      routingStrategy: 'least-cost',
      stickySessions: false,
      nonStickyGroups: ' batch,  vip  free ',
      firstByteTimeoutSeconds: '30',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        systemName: 'Acme AI',
        logoUrl: 'https://acme.example/logo.png',
        notice: '  <b>kept as typed</b>\n',
        publicPricing: false,
        registrationEnabled: false,
        newUserQuota: 500_000,
        defaultGroup: 'vip',
        inviterQuota: 1,
        inviteeQuota: 2,
        retryTimes: 0,
        routingStrategy: 'least-cost',
        stickySessions: false,
        nonStickyGroups: ['batch', 'vip', 'free'],
        firstByteTimeoutSeconds: 30,
      },
    });
  });

  it('refuses what the server would refuse', () => {
    const parsed = parseSettingsForm({
      ...form,
      systemName: '   ',
      logoUrl: 'javascript:alert(1)',
      notice: 'x'.repeat(10_001),
      newUserQuota: '-1',
      defaultGroup: '',
      inviterQuota: '1.5',
      inviteeQuota: 'lots',
      retryTimes: '11',
      nonStickyGroups: 'vip, vip',
      firstByteTimeoutSeconds: '0',
    });
    expect(Object.keys(errorsOf(parsed))).toEqual([
      'systemName',
      'logoUrl',
      'notice',
      'newUserQuota',
      'defaultGroup',
      'inviterQuota',
      'inviteeQuota',
      'retryTimes',
      'nonStickyGroups',
      'firstByteTimeoutSeconds',
    ]);
  });

  it('keeps to the bounds', () => {
    const at = (patch: Partial<typeof form>) => parseSettingsForm({ ...form, ...patch }).ok;
    expect(at({ systemName: 'x'.repeat(64) })).toBe(true);
    expect(at({ systemName: 'x'.repeat(65) })).toBe(false);
    expect(at({ logoUrl: `https://a.example/${'x'.repeat(512)}` })).toBe(false);
    expect(at({ logoUrl: 'not a url' })).toBe(false);
    expect(at({ retryTimes: '10' })).toBe(true);
    expect(at({ firstByteTimeoutSeconds: '86400' })).toBe(true);
    expect(at({ firstByteTimeoutSeconds: '86401' })).toBe(false);
    expect(at({ newUserQuota: '9007199254740992' })).toBe(false);
    expect(at({ nonStickyGroups: 'x'.repeat(64) })).toBe(true);
    expect(at({ nonStickyGroups: 'x'.repeat(65) })).toBe(false);
  });
});

describe('changedSettings', () => {
  it('sends only the settings that differ', () => {
    const after = { ...DEFAULTS, registrationEnabled: true, newUserQuota: 5, retryTimes: 2 };
    expect(changedSettings(DEFAULTS, after)).toEqual({
      registrationEnabled: true,
      newUserQuota: 5,
      retryTimes: 2,
    });
    expect(changedSettings(DEFAULTS, { ...DEFAULTS })).toEqual({});
    // A list is compared by its names, not by identity.
    const listed = { ...DEFAULTS, nonStickyGroups: ['vip'] };
    expect(changedSettings(listed, { ...listed, nonStickyGroups: ['vip'] })).toEqual({});
    expect(changedSettings(DEFAULTS, listed)).toEqual({ nonStickyGroups: ['vip'] });
    // Back to the environment default is a change too: null is sent.
    expect(changedSettings({ ...DEFAULTS, retryTimes: 3 }, DEFAULTS)).toEqual({ retryTimes: null });
  });
});
