import { describe, expect, it } from 'vitest';
import type { SsoSettings } from '../api/sso-api';
import { parseSsoSettingsForm, toSsoSettingsForm } from './parse-sso-settings-form';

// The gateway's DEFAULT_SSO_SETTINGS, as GET /api/settings/sso answers them.
const STORED: SsoSettings = {
  ssoSignUpEnabled: false,
  oidcEnabled: false,
  oidcIssuerUrl: null,
  oidcClientId: '',
  oidcDisplayName: 'SSO',
  oidcScopes: 'openid email profile',
  githubEnabled: false,
  githubClientId: '',
  oidcClientSecretSet: true,
  githubClientSecretSet: false,
  redirectUris: { oidc: 'https://ai.example.com/api/auth/sso/oidc/callback', github: '' },
};

describe('parseSsoSettingsForm', () => {
  it('sends nothing for an untouched form, so a stored secret is kept', () => {
    expect(parseSsoSettingsForm(toSsoSettingsForm(STORED), STORED)).toEqual({
      ok: true,
      value: {},
    });
  });

  it('sends only what changed, a typed secret, and an emptied issuer as null', () => {
    const form = {
      ...toSsoSettingsForm({ ...STORED, oidcIssuerUrl: 'https://id.example.com' }),
      oidcEnabled: true,
      oidcIssuerUrl: '  ',
      oidcScopes: 'openid   email',
      githubClientSecret: ' new-secret ',
    };
    expect(
      parseSsoSettingsForm(form, { ...STORED, oidcIssuerUrl: 'https://id.example.com' }),
    ).toEqual({
      ok: true,
      value: {
        oidcEnabled: true,
        oidcIssuerUrl: null,
        oidcScopes: 'openid email',
        githubClientSecret: 'new-secret',
      },
    });
  });

  it('names the field for an issuer that is not a URL and scopes without openid', () => {
    const parsed = parseSsoSettingsForm(
      { ...toSsoSettingsForm(STORED), oidcIssuerUrl: 'id.example.com', oidcScopes: 'email' },
      STORED,
    );
    expect(parsed.ok ? {} : Object.keys(parsed.errors).sort()).toEqual([
      'oidcIssuerUrl',
      'oidcScopes',
    ]);
  });
});
