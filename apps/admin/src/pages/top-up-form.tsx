import { useState } from 'react';
import type { User } from '../api/types';
import { topUpQuota } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { formatQuota } from '../lib/format';
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
  // One key per opened form: resubmitting after a network error cannot add the quota twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: { amount: '', reason: '' },
    fields: ['amount', 'reason'],
    parse: parseTopUpForm,
    send: (value: { amount: number; reason: string }) =>
      topUpQuota(target.id, { ...value, idempotencyKey }),
    onSuccess: onDone,
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Top up quota">
      <h2>Top up {target.username}</h2>
      <p className="muted">Now {formatQuota(target.quota)}. A negative amount takes quota back.</p>
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        <FormField label="Amount" error={errors.amount} hint="500,000 quota = $1">
          <input
            inputMode="numeric"
            value={input.amount}
            onChange={(event) => set('amount', event.target.value)}
          />
        </FormField>
        <FormField label="Reason" error={errors.reason}>
          <input value={input.reason} onChange={(event) => set('reason', event.target.value)} />
        </FormField>
      </div>
      <FormActions busy={busy} label="Apply" busyLabel="Applying…" onCancel={onCancel} />
    </form>
  );
}
