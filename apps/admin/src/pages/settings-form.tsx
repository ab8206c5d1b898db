import { type ChangeEvent, type FormEvent, useState } from 'react';
import {
  ROUTING_STRATEGIES,
  type RoutingStrategy,
  type SettingsPatch,
  type SystemSettings,
  updateSettings,
} from '../api/settings-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import {
  changedSettings,
  parseSettingsForm,
  type SettingsFormInput,
  toSettingsForm,
} from '../lib/parse-settings-form';
import { isLogoShown } from '../lib/site-logo';

/** Each setting's name in the save message, in form order. */
const LABELS: Record<keyof SystemSettings, string> = {
  systemName: 'system name',
  logoUrl: 'logo URL',
  notice: 'notice',
  registrationEnabled: 'registration',
  newUserQuota: 'new-user quota',
  defaultGroup: 'default group',
  inviterQuota: 'inviter quota',
  inviteeQuota: 'invitee quota',
  retryTimes: 'retries',
  routingStrategy: 'routing strategy',
  stickySessions: 'sticky sessions',
  firstByteTimeoutSeconds: 'first-byte timeout',
};

const STRATEGY_LABELS: Record<RoutingStrategy, string> = {
  weighted: 'Weighted: by channel weight',
  'least-latency': 'Least latency',
  'least-cost': 'Least cost',
};

type TextKey = {
  [K in keyof SettingsFormInput]: SettingsFormInput[K] extends string ? K : never;
}[keyof SettingsFormInput];

/** Sends what changed, or nothing: the answer is the settings after the save. */
function savePatch(
  patch: SettingsPatch,
): Promise<{ saved: SystemSettings; patch: SettingsPatch } | null> {
  if (Object.keys(patch).length === 0) return Promise.resolve(null);
  return updateSettings(patch).then((saved) => ({ saved, patch }));
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
  // What the server holds now: the form sends only what differs from it.
  const [stored, setStored] = useState(settings);
  const [outcome, setOutcome] = useState<string | null>(null);
  const form = useForm({
    initial: () => toSettingsForm(settings),
    fields: Object.keys(LABELS),
    parse: (values: SettingsFormInput) => {
      const parsed = parseSettingsForm(values);
      return parsed.ok
        ? { ok: true as const, value: changedSettings(stored, parsed.value) }
        : parsed;
    },
    send: savePatch,
    onSuccess: (result) => {
      if (!result) {
        setOutcome('Nothing changed, so nothing was sent.');
        return;
      }
      setStored(result.saved);
      form.setValues(toSettingsForm(result.saved));
      const names = Object.keys(result.patch).map((key) => LABELS[key as keyof SystemSettings]);
      setOutcome(`Saved: ${names.join(', ')}.`);
      onSaved();
    },
  });
  const { values: input, set, errors, banner, busy } = form;

  const change = <K extends keyof SettingsFormInput>(key: K, value: SettingsFormInput[K]) => {
    setOutcome(null);
    set(key, value);
  };
  const text = (key: TextKey) => ({
    value: input[key],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      change(key, event.target.value),
  });
  const submit = (event: FormEvent) => {
    setOutcome(null);
    void form.onSubmit(event);
  };
  const logo = input.logoUrl.trim();
  const logoHidden = logo !== '' && !errors.logoUrl && !isLogoShown(logo, window.location.origin);

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Settings">
      {!canEdit && (
        <p className="banner banner-warning">
          Only root can change these; they are shown read-only.
        </p>
      )}
      {banner && <ErrorBanner error={banner} />}
      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>Site</legend>
        <div className="form-grid">
          <FormField
            label="System name"
            error={errors.systemName}
            hint="Shown in the title and header"
          >
            <input {...text('systemName')} />
          </FormField>
          <FormField
            label="Logo URL"
            error={errors.logoUrl}
            hint={
              logoHidden
                ? 'Not shown: the dashboard’s security policy loads images from its own address only'
                : 'An http(s) URL on this gateway; empty for none'
            }
          >
            <input {...text('logoUrl')} inputMode="url" spellCheck={false} />
          </FormField>
        </div>
        <FormField
          label="Notice"
          error={errors.notice}
          hint="Shown as plain text on the sign-in page; at most 10,000 characters"
        >
          <textarea {...text('notice')} rows={4} />
        </FormField>
      </fieldset>

      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>Accounts and quota</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={input.registrationEnabled}
            onChange={(event) => change('registrationEnabled', event.target.checked)}
          />
          Anyone may create an account (sign-up page and invite links)
        </label>
        <div className="form-grid">
          <FormField label="New-user quota" error={errors.newUserQuota} hint="500,000 quota = $1">
            <input {...text('newUserQuota')} inputMode="numeric" />
          </FormField>
          <FormField
            label="Default group"
            error={errors.defaultGroup}
            hint="It needs a ratio under Prices"
          >
            <input {...text('defaultGroup')} spellCheck={false} />
          </FormField>
          <FormField
            label="Inviter quota"
            error={errors.inviterQuota}
            hint="Per sign-up with their code"
          >
            <input {...text('inviterQuota')} inputMode="numeric" />
          </FormField>
          <FormField
            label="Invitee quota"
            error={errors.inviteeQuota}
            hint="On top of the new-user quota"
          >
            <input {...text('inviteeQuota')} inputMode="numeric" />
          </FormField>
        </div>
      </fieldset>

      <fieldset className="card form fieldset" disabled={!canEdit || busy}>
        <legend>Retries and routing</legend>
        <div className="form-grid">
          <FormField
            label="Retries"
            error={errors.retryTimes}
            hint="Further attempts after a failure, 0-10; empty: RETRY_TIMES"
          >
            <input {...text('retryTimes')} inputMode="numeric" placeholder="default" />
          </FormField>
          <FormField
            label="Routing strategy"
            error={errors.routingStrategy}
            hint="Among channels of equal priority"
          >
            <select
              value={input.routingStrategy}
              onChange={(event) => change('routingStrategy', event.target.value as RoutingStrategy)}
            >
              {ROUTING_STRATEGIES.map((strategy) => (
                <option key={strategy} value={strategy}>
                  {STRATEGY_LABELS[strategy]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label="First-byte timeout"
            error={errors.firstByteTimeoutSeconds}
            hint="Seconds before failing over, 1-86,400; empty: RELAY_TIMEOUT"
          >
            <input {...text('firstByteTimeoutSeconds')} inputMode="numeric" placeholder="default" />
          </FormField>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={input.stickySessions}
            onChange={(event) => change('stickySessions', event.target.checked)}
          />
          Sticky sessions: keep a caller's conversation on one healthy channel (prompt caches)
        </label>
      </fieldset>

      {canEdit && (
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
          {outcome && (
            <p className="banner banner-success inline-banner" role="status">
              {outcome}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
