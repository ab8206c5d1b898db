import { useState } from 'react';
import { redeemCode } from '../api/redemption-codes-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { formatQuota } from '../lib/format';
import { parseRedeemForm } from '../lib/parse-code-forms';

/** Tops up the signed-in user's own quota with a recharge code. */
export function RedeemForm({ onRedeemed }: { onRedeemed: () => void }) {
  const [credited, setCredited] = useState<number | null>(null);
  const {
    values: input,
    setValues,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: { code: '' },
    fields: ['code'],
    parse: parseRedeemForm,
    send: redeemCode,
    onSuccess: (result) => {
      setCredited(result.credited);
      setValues({ code: '' });
      onRedeemed();
    },
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Top up">
      <h2>Top up with a recharge code</h2>
      {banner && <ErrorBanner error={banner} />}
      {credited !== null && !banner && (
        <p className="banner banner-success" role="status">
          Added {formatQuota(credited)}.
        </p>
      )}
      <FormField label="Recharge code" error={errors.code}>
        <input
          value={input.code}
          onChange={(event) => {
            setCredited(null);
            setValues({ code: event.target.value });
          }}
          autoComplete="off"
          spellCheck={false}
        />
      </FormField>
      <FormActions busy={busy} label="Redeem" busyLabel="Redeeming…" />
    </form>
  );
}
