import { createToken, updateToken } from '../api/tokens-api';
import type { CreatedToken, Token, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import {
  EMPTY_TOKEN_FORM,
  parseTokenEditForm,
  parseTokenForm,
  type TokenFormInput,
  toTokenFormInput,
} from '../lib/parse-token-form';

const FIELDS = ['name', 'remainQuota', 'expiresAt', 'allowedModels', 'allowedIps'];

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
    <TokenFields
      form={form}
      title={title}
      own={!owner}
      submit={t('tokenForm.submit')}
      busy={t('common.creating')}
      onCancel={onCancel}
    />
  );
}

/** Edits a key's name, quota, expiry and allowlists; the key itself stays as it is. */
export function TokenEditForm({
  token,
  onSaved,
  onCancel,
}: {
  token: Token;
  onSaved: (token: Token) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const form = useForm({
    initial: () => toTokenFormInput(token),
    fields: FIELDS,
    parse: (values) => parseTokenEditForm(token, values),
    send: (patch) => updateToken(token.id, patch),
    onSuccess: onSaved,
  });
  return (
    <TokenFields
      form={form}
      title={t('tokenForm.editTitle', { name: token.name })}
      own
      submit={t('tokenForm.save')}
      busy={t('common.saving')}
      onCancel={onCancel}
    />
  );
}

type TokenFormState = ReturnType<typeof useForm<TokenFormInput, unknown, unknown>>;

function TokenFields({
  form,
  title,
  own,
  submit,
  busy,
  onCancel,
}: {
  form: TokenFormState;
  title: string;
  own: boolean;
  submit: string;
  busy: string;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <FormField label={t('common.name')} bind={form.bind('name')}>
        <input placeholder="laptop" />
      </FormField>
      <label className="checkbox">
        <input type="checkbox" {...form.bind('unlimitedQuota').control} />
        {t('tokenForm.unlimited', { own })}
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
        hint={t('tokenForm.allowedHint', { own })}
      >
        <input spellCheck={false} />
      </FormField>
      <FormField
        label={t('tokenForm.allowedIps')}
        bind={form.bind('allowedIps')}
        hint={t('tokenForm.allowedIpsHint')}
      >
        <input spellCheck={false} placeholder="10.0.0.0/8, 203.0.113.7" />
      </FormField>
      <FormActions busy={form.busy} label={submit} busyLabel={busy} onCancel={onCancel} />
    </form>
  );
}
