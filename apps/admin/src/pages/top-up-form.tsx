import { useState } from 'react';
import type { User } from '../api/types';
import { topUpQuota } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseTopUpForm } from '../lib/parse-user-forms';

/** Adds quota to one user, with a reason for the audit log. */
export function TopUpForm({
  target,
  onDone,
  onCancel,
}: {
  target: User;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  // One key per opened form: resubmitting after a network error cannot add the quota twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useForm({
    initial: { amount: '', reason: '' },
    fields: ['amount', 'reason'],
    parse: parseTopUpForm,
    send: (value: { amount: number; reason: string }) =>
      topUpQuota(target.id, { ...value, idempotencyKey }),
    onSuccess: onDone,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={t('topUp.region')}>
      <h2>{t('topUp.title', { name: target.username })}</h2>
      <p className="muted">{t('topUp.now', { quota: target.quota })}</p>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField
          label={t('topUp.amount')}
          bind={form.bind('amount')}
          hint={t('common.quotaHint')}
        >
          <input inputMode="numeric" />
        </FormField>
        <FormField label={t('topUp.reason')} bind={form.bind('reason')}>
          <input />
        </FormField>
      </div>
      <FormActions
        busy={form.busy}
        label={t('topUp.submit')}
        busyLabel={t('topUp.busy')}
        onCancel={onCancel}
      />
    </form>
  );
}
