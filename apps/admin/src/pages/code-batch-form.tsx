import { type CreatedCodeBatch, createRedemptionCodes } from '../api/redemption-codes-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
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
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: EMPTY_CODE_BATCH,
    fields: FIELDS,
    parse: (values) => parseCodeBatch(values),
    send: createRedemptionCodes,
    onSuccess: (batch) => onCreated(batch, input.name.trim()),
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="New recharge codes">
      <h2>New recharge codes</h2>
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        <FormField label="Batch name" error={errors.name}>
          <input
            value={input.name}
            onChange={(event) => set('name', event.target.value)}
            placeholder="spring promo"
          />
        </FormField>
        <FormField label="Quota per code" error={errors.quota} hint="500,000 quota = $1">
          <input
            inputMode="numeric"
            value={input.quota}
            onChange={(event) => set('quota', event.target.value)}
          />
        </FormField>
        <FormField label="Number of codes" error={errors.count} hint="1-1000">
          <input
            inputMode="numeric"
            value={input.count}
            onChange={(event) => set('count', event.target.value)}
          />
        </FormField>
        <FormField label="Expires on" error={errors.expiresAt} hint="Empty for never">
          <input
            type="date"
            value={input.expiresOn}
            onChange={(event) => set('expiresOn', event.target.value)}
          />
        </FormField>
      </div>
      <FormActions busy={busy} label="Create codes" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
