import { type CreatedCodeBatch, createRedemptionCodes } from '../api/redemption-codes-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { EMPTY_CODE_BATCH, parseCodeBatch } from '../lib/parse-code-forms';

const FIELDS = ['name', 'quota', 'count', 'expiresAt'];

/** Admin: creates a batch of recharge codes, each worth the same quota. */
export function CodeBatchForm({
  onCreated,
  onCancel,
}: {
  onCreated: (batch: CreatedCodeBatch, name: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const form = useForm({
    initial: EMPTY_CODE_BATCH,
    fields: FIELDS,
    parse: (values) => parseCodeBatch(values),
    send: createRedemptionCodes,
    onSuccess: (batch) => onCreated(batch, form.values.name.trim()),
  });

  return (
    <form
      className="card form"
      onSubmit={form.onSubmit}
      noValidate
      aria-label={t('codeForm.title')}
    >
      <h2>{t('codeForm.title')}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField label={t('codeForm.name')} bind={form.bind('name')}>
          <input placeholder={t('codeForm.namePlaceholder')} />
        </FormField>
        <FormField
          label={t('codeForm.quota')}
          bind={form.bind('quota')}
          hint={t('common.quotaHint')}
        >
          <input inputMode="numeric" />
        </FormField>
        <FormField label={t('codeForm.count')} bind={form.bind('count')} hint="1-1000">
          <input inputMode="numeric" />
        </FormField>
        <FormField
          label={t('common.expiresOn')}
          bind={form.bind('expiresOn', 'expiresAt')}
          hint={t('common.emptyForNever')}
        >
          <input type="date" />
        </FormField>
      </div>
      <FormActions
        busy={form.busy}
        label={t('codeForm.submit')}
        busyLabel={t('common.creating')}
        onCancel={onCancel}
      />
    </form>
  );
}
