import { useEffect, useId, useRef, useState } from 'react';
import { revealChannelKeys } from '../api/channels-api';
import type { Channel } from '../api/types';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import type { Parsed } from '../lib/validation';

const readPassword = ({ password }: { password: string }): Parsed<string> =>
  password === ''
    ? { ok: false, errors: { password: 'Enter your password' } }
    : { ok: true, value: password };

/**
 * Root types the password again to see a channel's keys in full (each attempt is audited).
 * The keys live only in this dialog's state: closing it unmounts it, and they are gone.
 */
export function RevealKeysDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
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
      <h2 id={titleId}>Keys of “{channel.name}”</h2>
      {keys === null ? (
        <form className="form" onSubmit={form.onSubmit} noValidate>
          <p className="muted">
            Type your password again: keys are shown only to root, and every attempt is logged.
          </p>
          {form.banner && <ErrorBanner error={form.banner} />}
          <FormField label="Your password" error={form.errors.password}>
            <input
              type="password"
              value={form.values.password}
              onChange={(event) => form.set('password', event.target.value)}
              autoComplete="current-password"
            />
          </FormField>
          <FormActions busy={form.busy} label="Reveal" busyLabel="Checking…" onCancel={close} />
        </form>
      ) : (
        <>
          <p className="banner banner-warning">
            Shown this once: closing clears them from the page.
          </p>
          {keys.length === 0 && <p className="empty">This channel has no keys.</p>}
          <ul className="revealed-keys" aria-label="Keys">
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
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
