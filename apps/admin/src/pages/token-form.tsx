import { createToken } from '../api/tokens-api';
import type { CreatedToken, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { EMPTY_TOKEN_FORM, parseTokenForm } from '../lib/parse-token-form';

const FIELDS = ['name', 'remainQuota', 'expiresAt', 'allowedModels'];

/** Creates an API key for the signed-in user, or (admins) for `owner`. */
export function TokenForm({
  owner,
  onCreated,
  onCancel,
}: {
  /** Someone else: the key is theirs, drawing on their quota. */
  owner?: User;
  onCreated: (token: CreatedToken) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const title = owner ? t('tokenForm.titleFor', { owner: owner.username }) : t('tokenForm.title');
  const form = useForm({
    initial: EMPTY_TOKEN_FORM,
    fields: FIELDS,
    parse: (values) => parseTokenForm(values),
    send: (token) => createToken(owner ? { ...token, userId: owner.id } : token),
    onSuccess: onCreated,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <FormField label={t('common.name')} bind={form.bind('name')}>
        <input placeholder="laptop" />
      </FormField>
      <label className="checkbox">
        <input type="checkbox" {...form.bind('unlimitedQuota').control} />
        {t('tokenForm.unlimited', { own: !owner })}
      </label>
      <div className="form-grid">
        {!form.values.unlimitedQuota && (
          <FormField
            label={t('common.quota')}
            bind={form.bind('remainQuota')}
            hint={t('common.quotaHint')}
          >
            <input inputMode="numeric" />
          </FormField>
        )}
        <FormField
          label={t('common.expiresOn')}
          bind={form.bind('expiresOn', 'expiresAt')}
          hint={t('common.emptyForNever')}
        >
          <input type="date" />
        </FormField>
      </div>
      <FormField
        label={t('tokenForm.allowedModels')}
        bind={form.bind('allowedModels')}
        hint={t('tokenForm.allowedHint', { own: !owner })}
      >
        <input spellCheck={false} />
      </FormField>
      <FormActions
        busy={form.busy}
        label={t('tokenForm.submit')}
        busyLabel={t('common.creating')}
        onCancel={onCancel}
      />
    </form>
  );
}
