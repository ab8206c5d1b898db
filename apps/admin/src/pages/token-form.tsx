import { createToken } from '../api/tokens-api';
import type { CreatedToken, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
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
  const title = owner ? `New API key for ${owner.username}` : 'New API key';
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: EMPTY_TOKEN_FORM,
    fields: FIELDS,
    parse: (values) => parseTokenForm(values),
    send: (token) => createToken(owner ? { ...token, userId: owner.id } : token),
    onSuccess: onCreated,
  });

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {banner && <ErrorBanner error={banner} />}
      <FormField label="Name" error={errors.name}>
        <input
          value={input.name}
          onChange={(event) => set('name', event.target.value)}
          placeholder="laptop"
        />
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={input.unlimitedQuota}
          onChange={(event) => set('unlimitedQuota', event.target.checked)}
        />
        Unlimited quota (still limited by {owner ? 'their' : 'your'} account's quota)
      </label>
      <div className="form-grid">
        {!input.unlimitedQuota && (
          <FormField label="Quota" error={errors.remainQuota} hint="500,000 quota = $1">
            <input
              inputMode="numeric"
              value={input.remainQuota}
              onChange={(event) => set('remainQuota', event.target.value)}
            />
          </FormField>
        )}
        <FormField label="Expires on" error={errors.expiresAt} hint="Empty for never">
          <input
            type="date"
            value={input.expiresOn}
            onChange={(event) => set('expiresOn', event.target.value)}
          />
        </FormField>
      </div>
      <FormField
        label="Allowed models"
        error={errors.allowedModels}
        hint={`Comma-separated; empty allows every model of ${owner ? 'their' : 'your'} group`}
      >
        <input
          value={input.allowedModels}
          onChange={(event) => set('allowedModels', event.target.value)}
          spellCheck={false}
        />
      </FormField>
      <FormActions busy={busy} label="Create key" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
