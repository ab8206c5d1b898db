import { useState } from 'react';
import { redeemCode } from '../api/redemption-codes-api';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseRedeemForm } from '../lib/parse-code-forms';

/** Tops up the signed-in user's own quota with a recharge code. */
export function RedeemForm({ onRedeemed }: { onRedeemed: () => void }) {
  const t = useT();
  const [credited, setCredited] = useState<number | null>(null);
  const form = useForm({
    initial: { code: '' },
    fields: ['code'],
    parse: parseRedeemForm,
    send: redeemCode,
    onSuccess: (result) => {
      setCredited(result.credited);
      form.setValues({ code: '' });
      onRedeemed();
    },
    // A new code hides the last one's "Added …".
    onEdit: () => setCredited(null),
  });

  return (
    <form
      className="card form"
      onSubmit={form.onSubmit}
      noValidate
      aria-label={t('overview.topUp')}
    >
      <h2>{t('redeem.title')}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      {credited !== null && !form.banner && (
        <p className="banner banner-success" role="status">
          {t('redeem.added', { quota: credited })}
        </p>
      )}
      <FormField label={t('redeem.code')} bind={form.bind('code')}>
        <input autoComplete="off" spellCheck={false} />
      </FormField>
      <FormActions busy={form.busy} label={t('redeem.submit')} busyLabel={t('redeem.busy')} />
    </form>
  );
}
