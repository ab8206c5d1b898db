import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useState } from 'react';
import { addPasskey, deletePasskey, listPasskeys } from '../api/passkeys-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';
import { parsePasskeyName } from '../lib/parse-two-factor-forms';

/**
 * One's passkeys: each signs in without a password, and stands in for the authenticator
 * app's code as a second factor. Several, named to tell them apart, each removable.
 */
export function PasskeysSection() {
  const t = useT();
  const { state, reload } = useLoad(listPasskeys);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    initial: { name: '' },
    fields: ['name'],
    parse: parsePasskeyName,
    send: (value) => addPasskey(value.name),
    onSuccess: () => {
      form.reset();
      reload();
    },
  });
  const remove = async (id: number) => {
    setFailure(null);
    try {
      await deletePasskey(id);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="card" aria-label={t('passkeys.title')}>
      <h2>{t('passkeys.title')}</h2>
      <p className="muted">{t('passkeys.intro')}</p>
      <ErrorBanner error={failure} />
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && state.data.length === 0 && (
        <p className="muted">{t('passkeys.none')}</p>
      )}
      {state.kind === 'ready' && state.data.length > 0 && (
        <ul aria-label={t('passkeys.list')}>
          {state.data.map((passkey) => (
            <li key={passkey.id}>
              {passkey.name}{' '}
              <span className="muted">
                ({t('passkeys.added', { date: formatDate(passkey.createdAt) })})
              </span>{' '}
              <button
                type="button"
                className="button button-small"
                aria-label={t('passkeys.removeNamed', { name: passkey.name })}
                onClick={() => void remove(passkey.id)}
              >
                {t('passkeys.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {browserSupportsWebAuthn() ? (
        <form className="form" onSubmit={form.onSubmit} noValidate>
          <ErrorBanner error={form.failure} />
          <FormField
            label={t('passkeys.name')}
            hint={t('passkeys.nameHint')}
            bind={form.bind('name')}
          >
            <input />
          </FormField>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('passkeys.add')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('passkeys.unsupported')}</p>
      )}
    </section>
  );
}
