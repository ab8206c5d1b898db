import { type FormEvent, useState } from 'react';
import {
  type AlertSettings,
  type AlertSettingsPatch,
  SMTP_SECURITIES,
  updateAlertSettings,
} from '../api/alert-settings-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import {
  type AlertSettingsFormInput,
  parseAlertSettingsForm,
  toAlertSettingsForm,
} from '../lib/parse-alert-settings-form';

/** The fields a server error may land on. */
const FIELDS: readonly (keyof AlertSettingsFormInput)[] = [
  'smtpHost',
  'smtpPort',
  'smtpSecurity',
  'smtpUsername',
  'smtpPassword',
  'smtpFrom',
  'webhookUrl',
  'webhookSecret',
  'quotaAlertThreshold',
  'keyExpiryDays',
];

/** Mail (SMTP) and alerts, for root; the password and the webhook secret are write-only. */
export function AlertSettingsForm({ settings }: { settings: AlertSettings }) {
  const t = useT();
  const [stored, setStored] = useState(settings);
  const [saved, setSaved] = useState<boolean | null>(null);
  const form = useForm({
    initial: () => toAlertSettingsForm(settings),
    fields: FIELDS,
    parse: (values: AlertSettingsFormInput) => parseAlertSettingsForm(values, stored),
    send: (patch: AlertSettingsPatch) =>
      Object.keys(patch).length === 0 ? Promise.resolve(null) : updateAlertSettings(patch),
    onSuccess: (result) => {
      setSaved(result !== null);
      if (!result) return;
      setStored(result);
      form.setValues(toAlertSettingsForm(result));
    },
    onEdit: () => setSaved(null),
  });
  const { bind, banner, busy } = form;
  const submit = (event: FormEvent) => {
    setSaved(null);
    void form.onSubmit(event);
  };
  const keptHint = (set: boolean) => (set ? t('alerts.secretKept') : t('alerts.secretUnset'));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('alerts.form')}>
      {banner && <ErrorBanner error={banner} />}
      <fieldset className="card form fieldset" disabled={busy}>
        <legend>{t('alerts.mail')}</legend>
        <div className="form-grid">
          <FormField
            label={t('alerts.smtpHost')}
            bind={bind('smtpHost')}
            hint={t('alerts.smtpHostHint')}
          >
            <input spellCheck={false} />
          </FormField>
          <FormField label={t('alerts.smtpPort')} bind={bind('smtpPort')}>
            <input inputMode="numeric" />
          </FormField>
          <FormField label={t('alerts.smtpSecurity')} bind={bind('smtpSecurity')}>
            <select>
              {SMTP_SECURITIES.map((security) => (
                <option key={security} value={security}>
                  {t(`alerts.security.${security}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label={t('alerts.smtpFrom')}
            bind={bind('smtpFrom')}
            hint={t('alerts.smtpFromHint')}
          >
            <input spellCheck={false} />
          </FormField>
          <FormField label={t('alerts.smtpUsername')} bind={bind('smtpUsername')}>
            <input spellCheck={false} autoComplete="off" />
          </FormField>
          <FormField
            label={t('alerts.smtpPassword')}
            bind={bind('smtpPassword')}
            hint={keptHint(stored.smtpPasswordSet)}
          >
            <input type="password" autoComplete="new-password" />
          </FormField>
        </div>
        {stored.smtpPasswordSet && (
          <label className="checkbox">
            <input type="checkbox" {...bind('clearSmtpPassword').control} />
            {t('alerts.clearSmtpPassword')}
          </label>
        )}
      </fieldset>

      <fieldset className="card form fieldset" disabled={busy}>
        <legend>{t('alerts.alerts')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...bind('emailAlerts').control} />
          {t('alerts.byEmail')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...bind('webhookAlerts').control} />
          {t('alerts.byWebhook')}
        </label>
        <div className="form-grid">
          <FormField
            label={t('alerts.webhookUrl')}
            bind={bind('webhookUrl')}
            hint={t('alerts.webhookUrlHint')}
          >
            <input inputMode="url" spellCheck={false} />
          </FormField>
          <FormField
            label={t('alerts.webhookSecret')}
            bind={bind('webhookSecret')}
            hint={keptHint(stored.webhookSecretSet)}
          >
            <input type="password" autoComplete="new-password" />
          </FormField>
        </div>
        {stored.webhookSecretSet && (
          <label className="checkbox">
            <input type="checkbox" {...bind('clearWebhookSecret').control} />
            {t('alerts.clearWebhookSecret')}
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" {...bind('quotaAlertEnabled').control} />
          {t('alerts.quotaAlert')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...bind('channelAlertsEnabled').control} />
          {t('alerts.channelAlerts')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...bind('keyExpiryAlertEnabled').control} />
          {t('alerts.keyExpiryAlert')}
        </label>
        <div className="form-grid">
          <FormField
            label={t('alerts.quotaThreshold')}
            bind={bind('quotaAlertThreshold')}
            hint={t('common.quotaHint')}
          >
            <input inputMode="numeric" />
          </FormField>
          <FormField label={t('alerts.keyExpiryDays')} bind={bind('keyExpiryDays')}>
            <input inputMode="numeric" />
          </FormField>
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('alerts.save')}
        </button>
        {saved !== null && (
          <p className="banner banner-success inline-banner" role="status">
            {saved ? t('alerts.saved') : t('settings.nothing')}
          </p>
        )}
      </div>
    </form>
  );
}
