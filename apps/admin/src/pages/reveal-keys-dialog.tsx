import { useEffect, useId, useRef, useState } from 'react';
import { revealChannelKeys } from '../api/channels-api';
import type { Channel } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { t as translate } from '../i18n/t';
import { useT } from '../i18n/use-t';
import type { Parsed } from '../lib/validation';

const readPassword = ({ password }: { password: string }): Parsed<string> =>
  password === ''
    ? { ok: false, errors: { password: translate('check.enterPassword') } }
    : { ok: true, value: password };

/**
 * Root types the password again to see a channel's keys in full (each attempt is audited).
 * The keys live only in this dialog's state: closing it unmounts it, and they are gone.
 */
export function RevealKeysDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [keys, setKeys] = useState<string[] | null>(null);
  // A modal <dialog>: it focuses the password box, keeps focus inside, closes on Escape and
  // makes the page behind inert.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const form = useForm({
    initial: { password: '' },
    // A wrong password is a 403 naming `password`; a lock-out (429) goes in the banner.
    fields: ['password'],
    parse: readPassword,
    send: (password: string) => revealChannelKeys(channel.id, password),
    onSuccess: (revealed) => {
      form.reset();
      setKeys(revealed);
    },
  });
  const close = () => dialog.current?.close();

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('reveal.title', { name: channel.name })}</h2>
      {keys === null ? (
        <form className="form" onSubmit={form.onSubmit} noValidate>
          <p className="muted">{t('reveal.intro')}</p>
          {form.banner && <ErrorBanner error={form.banner} />}
          <FormField label={t('reveal.password')} bind={form.bind('password')}>
            <input type="password" autoComplete="current-password" />
          </FormField>
          <FormActions
            busy={form.busy}
            label={t('reveal.submit')}
            busyLabel={t('reveal.busy')}
            onCancel={close}
          />
        </form>
      ) : (
        <>
          <p className="banner banner-warning">{t('reveal.warning')}</p>
          {keys.length === 0 && <p className="empty">{t('reveal.none')}</p>}
          <ul className="revealed-keys" aria-label={t('reveal.keys')}>
            {keys.map((key, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat; the list never reorders.
              <li key={index} className="key-line">
                <code>{key}</code>
                <CopyButton text={key} />
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="button" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
