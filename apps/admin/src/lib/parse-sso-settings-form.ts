import type { SsoSettings, SsoSettingsPatch } from '../api/sso-api';
import { t } from '../i18n/t';
import { compactErrors, type Parsed } from './validation';

/** The sign-in providers form as typed; secrets start empty (empty: keep the stored one). */
export interface SsoSettingsFormInput {
  ssoSignUpEnabled: boolean;
  oidcEnabled: boolean;
  oidcIssuerUrl: string;
  oidcClientId: string;
  oidcClientSecret: string;
  oidcDisplayName: string;
  oidcScopes: string;
  githubEnabled: boolean;
  githubClientId: string;
  githubClientSecret: string;
}

export function toSsoSettingsForm(settings: SsoSettings): SsoSettingsFormInput {
  return {
    ssoSignUpEnabled: settings.ssoSignUpEnabled,
    oidcEnabled: settings.oidcEnabled,
    oidcIssuerUrl: settings.oidcIssuerUrl ?? '',
    oidcClientId: settings.oidcClientId,
    oidcClientSecret: '',
    oidcDisplayName: settings.oidcDisplayName,
    oidcScopes: settings.oidcScopes,
    githubEnabled: settings.githubEnabled,
    githubClientId: settings.githubClientId,
    githubClientSecret: '',
  };
}

/**
 * The fields that differ from `stored`, as a PATCH /api/settings/sso body. A secret is sent
 * only when one was typed: the stored one is never shown, so an empty box means "keep it".
 */
export function parseSsoSettingsForm(
  input: SsoSettingsFormInput,
  stored: SsoSettings,
): Parsed<SsoSettingsPatch> {
  const issuer = input.oidcIssuerUrl.trim();
  const scopes = input.oidcScopes.trim().replace(/\s+/g, ' ');
  const errors = compactErrors({
    oidcIssuerUrl:
      issuer !== '' && !/^https?:\/\/\S+$/.test(issuer) ? t('check.httpUrl') : undefined,
    oidcDisplayName: input.oidcDisplayName.trim() === '' ? t('sso.enterDisplayName') : undefined,
    oidcScopes: scopes.split(' ').includes('openid') ? undefined : t('sso.scopesNeedOpenid'),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const next: SsoSettingsPatch = {
    ssoSignUpEnabled: input.ssoSignUpEnabled,
    oidcEnabled: input.oidcEnabled,
    oidcIssuerUrl: issuer === '' ? null : issuer,
    oidcClientId: input.oidcClientId.trim(),
    oidcDisplayName: input.oidcDisplayName.trim(),
    oidcScopes: scopes,
    githubEnabled: input.githubEnabled,
    githubClientId: input.githubClientId.trim(),
  };
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(next))
    if (stored[name as keyof SsoSettings] !== value) patch[name] = value;
  if (input.oidcClientSecret.trim() !== '') patch.oidcClientSecret = input.oidcClientSecret.trim();
  if (input.githubClientSecret.trim() !== '')
    patch.githubClientSecret = input.githubClientSecret.trim();
  return { ok: true, value: patch as SsoSettingsPatch };
}
