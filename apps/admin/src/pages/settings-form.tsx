import { type FormEvent, useState } from 'react';
import {
  ROUTING_STRATEGIES,
  type SettingsPatch,
  type SystemSettings,
  updateSettings,
} from '../api/settings-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { t } from '../i18n/t';
import { useT } from '../i18n/use-t';
import {
  changedSettings,
  parseSettingsForm,
  type SettingsFormInput,
  toSettingsForm,
} from '../lib/parse-settings-form';
import { isLogoShown } from '../lib/site-logo';

/** Every setting, in form order: the fields a server error may land on. */
const SETTING_NAMES: readonly (keyof SystemSettings)[] = [
  'systemName',
  'logoUrl',
  'notice',
  'publicPricing',
  'registrationEnabled',
  'newUserQuota',
  'defaultGroup',
  'inviterQuota',
  'inviteeQuota',
  'retryTimes',
  'routingStrategy',
  'stickySessions',
  'nonStickyGroups',
  'firstByteTimeoutSeconds',
];

/** Sends what changed, or nothing: the answer is the settings after the save. */
function savePatch(
  patch: SettingsPatch,
): Promise<{ saved: SystemSettings; patch: SettingsPatch } | null> {
  if (Object.keys(patch).length === 0) return Promise.resolve(null);
  return updateSettings(patch).then((saved) => ({ saved, patch }));
}

/** `Saved: system name, notice.`: each changed setting's name in the save message. */
function describeSaved(patch: SettingsPatch): string {
  const names = (Object.keys(patch) as (keyof SystemSettings)[]).map((key) =>
    t(`settings.name.${key}`),
  );
  return t('settings.saved', { names: names.join(t('settings.listSeparator')) });
}

/** The settings in three groups; read-only (a disabled fieldset) for admins other than root. */
export function SettingsForm({
  settings,
  canEdit,
  onSaved,
}: {
  settings: SystemSettings;
  canEdit: boolean;
  onSaved: () => void;
}) {
  useT(); // re-renders on a language switch; `t` is the module's
  // What the server holds now: the form sends only what differs from it.
  const [stored, setStored] = useState(settings);
  // The last save's outcome, kept as a function so that it follows a language switch.
  const [outcome, setOutcome] = useState<(() => string) | null>(null);
  const form = useForm({
    initial: () => toSettingsForm(settings),
    fields: SETTING_NAMES,
    parse: (values: SettingsFormInput) => {
      const parsed = parseSettingsForm(values);
      return parsed.ok
        ? { ok: true as const, value: changedSettings(stored, parsed.value) }
        : parsed;
    },
    send: savePatch,
    onSuccess: (result) => {
      if (!result) {
        setOutcome(() => () => t('settings.nothing'));
        return;
      }
      setStored(result.saved);
      form.setValues(toSettingsForm(result.saved));
      setOutcome(() => () => describeSaved(result.patch));
      onSaved();
    },
    onEdit: () => setOutcome(null),
  });
  const { values: input, bind, banner, busy, errors } = form;
  const submit = (event: FormEvent) => {
    setOutcome(null);
    void form.onSubmit(event);
  };
  const logo = input.logoUrl.trim();
  const logoHidden = logo !== '' && !errors.logoUrl && !isLogoShown(logo, window.location.origin);

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('settings.form')}>
      {!canEdit && <p className="banner banner-warning">{t('settings.readOnly')}</p>}
      {banner && <ErrorBanner error={banner} />}
      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>{t('settings.site')}</legend>
        <div className="form-grid">
          <FormField
            label={t('settings.systemName')}
            bind={bind('systemName')}
            hint={t('settings.systemNameHint')}
          >
            <input />
          </FormField>
          <FormField
            label={t('settings.logoUrl')}
            bind={bind('logoUrl')}
            hint={logoHidden ? t('settings.logoHidden') : t('settings.logoHint')}
          >
            <input inputMode="url" spellCheck={false} />
          </FormField>
        </div>
        <FormField
          label={t('settings.notice')}
          bind={bind('notice')}
          hint={t('settings.noticeHint')}
        >
          <textarea rows={4} />
        </FormField>
        <label className="checkbox">
          <input type="checkbox" {...bind('publicPricing').control} />
          {t('settings.publicPricing')}
        </label>
      </fieldset>

      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>{t('settings.accounts')}</legend>
        <label className="checkbox">
          <input type="checkbox" {...bind('registrationEnabled').control} />
          {t('settings.registration')}
        </label>
        <div className="form-grid">
          <FormField
            label={t('settings.newUserQuota')}
            bind={bind('newUserQuota')}
            hint={t('common.quotaHint')}
          >
            <input inputMode="numeric" />
          </FormField>
          <FormField
            label={t('settings.defaultGroup')}
            bind={bind('defaultGroup')}
            hint={t('settings.defaultGroupHint')}
          >
            <input spellCheck={false} />
          </FormField>
          <FormField
            label={t('settings.inviterQuota')}
            bind={bind('inviterQuota')}
            hint={t('settings.inviterQuotaHint')}
          >
            <input inputMode="numeric" />
          </FormField>
          <FormField
            label={t('settings.inviteeQuota')}
            bind={bind('inviteeQuota')}
            hint={t('settings.inviteeQuotaHint')}
          >
            <input inputMode="numeric" />
          </FormField>
        </div>
      </fieldset>

      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>{t('settings.routing')}</legend>
        <div className="form-grid">
          <FormField
            label={t('settings.retries')}
            bind={bind('retryTimes')}
            hint={t('settings.retriesHint')}
          >
            <input inputMode="numeric" placeholder={t('settings.default')} />
          </FormField>
          <FormField
            label={t('settings.strategy')}
            bind={bind('routingStrategy')}
            hint={t('settings.strategyHint')}
          >
            <select>
              {ROUTING_STRATEGIES.map((strategy) => (
                <option key={strategy} value={strategy}>
                  {t(`settings.strategy.${strategy}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label={t('settings.timeout')}
            bind={bind('firstByteTimeoutSeconds')}
            hint={t('settings.timeoutHint')}
          >
            <input inputMode="numeric" placeholder={t('settings.default')} />
          </FormField>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...bind('stickySessions').control} />
          {t('settings.sticky')}
        </label>
        <FormField
          label={t('settings.nonStickyGroups')}
          bind={bind('nonStickyGroups')}
          hint={t('settings.nonStickyGroupsHint')}
        >
          <input spellCheck={false} placeholder={t('settings.none')} />
        </FormField>
      </fieldset>

      {canEdit && (
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('settings.save')}
          </button>
          {outcome && (
            <p className="banner banner-success inline-banner" role="status">
              {outcome()}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
