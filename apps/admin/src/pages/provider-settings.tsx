import type { ConfigField, ProviderSummary } from '../api/channels-api';
import { FormField } from '../components/form-field';
import { useT } from '../i18n/use-t';
import type { FieldErrors } from '../lib/validation';

interface ProviderSettingsProps {
  provider: ProviderSummary;
  values: Record<string, string>;
  /** Complaints by the server's param (`config.region`). */
  errors: FieldErrors;
  onChange: (name: string, value: string) => void;
}

/** The chosen provider's own settings, one typed control per `configFields` entry. */
export function ProviderSettings({ provider, values, errors, onChange }: ProviderSettingsProps) {
  const t = useT();
  if (provider.configFields.length === 0) return null;
  return (
    <fieldset className="provider-settings">
      <legend>{t('channelForm.settings', { provider: provider.name })}</legend>
      <div className="form-grid">
        {provider.configFields.map((field) => (
          <FormField
            key={field.name}
            label={field.required ? `${field.label} (${t('channelForm.required')})` : field.label}
            error={errors[`config.${field.name}`]}
            hint={hintOf(field, t('channelForm.defaultIs', { value: field.default ?? '' }))}
          >
            <SettingControl
              field={field}
              value={values[field.name] ?? ''}
              onChange={(value) => onChange(field.name, value)}
              defaultLabel={t('channelForm.useDefault')}
            />
          </FormField>
        ))}
      </div>
    </fieldset>
  );
}

function SettingControl({
  field,
  value,
  onChange,
  defaultLabel,
  ...aria
}: {
  field: ConfigField;
  value: string;
  onChange: (value: string) => void;
  defaultLabel: string;
}) {
  // FormField passes id and aria-* through to the control it wraps.
  const common = { ...aria, value, required: field.required, name: `config.${field.name}` };
  if (field.type === 'select')
    return (
      <select {...common} onChange={(event) => onChange(event.target.value)}>
        {!field.required && <option value="">{`${defaultLabel} (${field.default ?? '-'})`}</option>}
        {field.options?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  return (
    <input
      {...common}
      type={field.type === 'integer' ? 'number' : 'text'}
      step={field.type === 'integer' ? 1 : undefined}
      placeholder={field.default}
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function hintOf(field: ConfigField, defaultText: string): string | undefined {
  const parts = [field.description, field.default !== undefined ? defaultText : undefined];
  const hint = parts.filter((part) => part !== undefined).join(' ');
  return hint === '' ? undefined : hint;
}
