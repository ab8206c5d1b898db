import { FormField } from '../components/form-field';
import { PairRows } from '../components/pair-rows';
import { useT } from '../i18n/use-t';
import type { ChannelFormInput } from '../lib/parse-channel-form';
import type { FieldErrors } from '../lib/validation';

interface OverridesFieldsProps {
  values: ChannelFormInput;
  errors: FieldErrors;
  set: <K extends keyof ChannelFormInput>(key: K, value: ChannelFormInput[K]) => void;
}

/** Headers and body parameters set or removed on every request to the channel. */
export function ChannelOverridesFields({ values, errors, set }: OverridesFieldsProps) {
  const t = useT();
  const open =
    values.setHeaders.length + values.setParams.length > 0 ||
    values.stripHeaders !== '' ||
    values.dropParams !== '';
  return (
    <details className="channel-overrides" open={open}>
      <summary>{t('channelForm.overrides')}</summary>
      <p className="muted">{t('channelForm.overridesHint')}</p>
      <PairRows
        legend={t('channelForm.setHeaders')}
        fromLabel={t('channelForm.headerName')}
        toLabel={t('channelForm.headerValue')}
        rows={values.setHeaders}
        error={errors['overrides.setHeaders']}
        onChange={(rows) => set('setHeaders', rows)}
      />
      <FormField
        label={t('channelForm.stripHeaders')}
        error={errors['overrides.stripHeaders']}
        hint={t('common.commaSeparated')}
      >
        <input
          value={values.stripHeaders}
          placeholder="anthropic-beta, user-agent"
          spellCheck={false}
          onChange={(event) => set('stripHeaders', event.target.value)}
        />
      </FormField>
      <PairRows
        legend={t('channelForm.setParams')}
        fromLabel={t('channelForm.paramName')}
        toLabel={t('channelForm.paramValue')}
        rows={values.setParams}
        error={errors['overrides.setParams']}
        onChange={(rows) => set('setParams', rows)}
      />
      <FormField
        label={t('channelForm.dropParams')}
        error={errors['overrides.dropParams']}
        hint={t('common.commaSeparated')}
      >
        <input
          value={values.dropParams}
          placeholder="metadata, user"
          spellCheck={false}
          onChange={(event) => set('dropParams', event.target.value)}
        />
      </FormField>
    </details>
  );
}
