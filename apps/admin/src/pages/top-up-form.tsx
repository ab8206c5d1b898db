import { useState } from 'react';
import type { User } from '../api/types';
import { topUpQuota } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useSubmit } from '../components/use-submit';
import { formatQuota } from '../lib/format';
import { parseTopUpForm, type TopUpInput } from '../lib/parse-user-forms';

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
  const [input, setInput] = useState<TopUpInput>({ amount: '', reason: '' });
  // One key per opened form: resubmitting after a network error cannot add the quota twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { errors, banner, busy, onSubmit } = useSubmit({
    fields: ['amount', 'reason'],
    parse: () => parseTopUpForm(input),
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
            onChange={(event) => setInput({ ...input, amount: event.target.value })}
          />
        </FormField>
        <FormField label="Reason" error={errors.reason}>
          <input
            value={input.reason}
            onChange={(event) => setInput({ ...input, reason: event.target.value })}
          />
        </FormField>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
