import { type FormEvent, useState } from 'react';
import { getSsoSettings, type SsoSettings, updateSsoSettings } from '../api/sso-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import {
  parseSsoSettingsForm,
  type SsoSettingsFormInput,
  toSsoSettingsForm,
} from '../lib/parse-sso-settings-form';

/** The fields a server error may land on. */
const SSO_FIELDS: readonly (keyof SsoSettingsFormInput)[] = [
  'ssoSignUpEnabled',
  'oidcEnabled',
  'oidcIssuerUrl',
  'oidcClientId',
  'oidcClientSecret',
  'oidcDisplayName',
  'oidcScopes',
  'githubEnabled',
  'githubClientId',
  'githubClientSecret',
];

/** Sign-in through OpenID Connect and GitHub: its own card and save, read-only but for root. */
export function SsoSettingsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { state } = useLoad(getSsoSettings);
  if (state.kind === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (state.kind === 'error') return <ErrorBanner error={state.error} />;
  return <SsoSettingsForm settings={state.data} canEdit={canEdit} />;
}

function SsoSettingsForm({ settings, canEdit }: { settings: SsoSettings; canEdit: boolean }) {
  const t = useT();
  const [stored, setStored] = useState(settings);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initial: () => toSsoSettingsForm(settings),
    fields: SSO_FIELDS,
    parse: (values: SsoSettingsFormInput) => parseSsoSettingsForm(values, stored),
    send: (patch) =>
      Object.keys(patch).length === 0 ? Promise.resolve(stored) : updateSsoSettings(patch),
    onSuccess: (result) => {
      setStored(result);
      form.setValues(toSsoSettingsForm(result));
      setSaved(true);
    },
    onEdit: () => setSaved(false),
  });
  const { bind, banner, busy } = form;
  const submit = (event: FormEvent) => {
    setSaved(false);
    void form.onSubmit(event);
  };
  const secretHint = (isSet: boolean) => (isSet ? t('sso.secretSet') : t('sso.secretNotSet'));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('sso.title')}>
      {banner && <ErrorBanner error={banner} />}
      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>{t('sso.title')}</legend>
        <p className="muted">{t('sso.intro')}</p>
        <label className="checkbox">
          <input type="checkbox" {...bind('ssoSignUpEnabled').control} />
          {t('sso.signUp')}
        </label>

        <h3>{t('sso.oidc')}</h3>
        <label className="checkbox">
          <input type="checkbox" {...bind('oidcEnabled').control} />
          {t('sso.oidcEnabled')}
        </label>
        <div className="form-grid">
          <FormField
            label={t('sso.issuerUrl')}
            bind={bind('oidcIssuerUrl')}
            hint={t('sso.issuerUrlHint')}
          >
            <input inputMode="url" spellCheck={false} />
          </FormField>
          <FormField label={t('sso.displayName')} bind={bind('oidcDisplayName')}>
            <input />
          </FormField>
          <FormField label={t('sso.oidcClientId')} bind={bind('oidcClientId')}>
            <input spellCheck={false} autoComplete="off" />
          </FormField>
          <FormField
            label={t('sso.oidcClientSecret')}
            bind={bind('oidcClientSecret')}
            hint={secretHint(stored.oidcClientSecretSet)}
          >
            <input type="password" autoComplete="new-password" />
          </FormField>
          <FormField label={t('sso.scopes')} bind={bind('oidcScopes')}>
            <input spellCheck={false} />
          </FormField>
        </div>
        <p className="muted redirect-uri">
          {t('sso.redirectUri')} <code>{stored.redirectUris.oidc}</code>
        </p>

        <h3>{t('sso.github')}</h3>
        <label className="checkbox">
          <input type="checkbox" {...bind('githubEnabled').control} />
          {t('sso.githubEnabled')}
        </label>
        <div className="form-grid">
          <FormField label={t('sso.githubClientId')} bind={bind('githubClientId')}>
            <input spellCheck={false} autoComplete="off" />
          </FormField>
          <FormField
            label={t('sso.githubClientSecret')}
            bind={bind('githubClientSecret')}
            hint={secretHint(stored.githubClientSecretSet)}
          >
            <input type="password" autoComplete="new-password" />
          </FormField>
        </div>
        <p className="muted redirect-uri">
          {t('sso.redirectUri')} <code>{stored.redirectUris.github}</code>
        </p>
      </fieldset>
      {canEdit && (
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('sso.save')}
          </button>
          {saved && (
            <p className="banner banner-success inline-banner" role="status">
              {t('sso.saved')}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
