import { useState } from 'react';
import {
  confirmTotp,
  disableTotp,
  getTotpStatus,
  startTotpEnrolment,
  type TotpEnrolment,
} from '../api/two-factor-api';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { QrCode } from '../components/qr-code';
import { useForm } from '../components/use-form';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { parseTotpCode, parseTotpDisableForm } from '../lib/parse-two-factor-forms';

/**
 * Two-factor sign-in with an authenticator app: set up (the secret and otpauth:// URI, then
 * a first code), the recovery codes shown once, and turning it off again.
 */
export function TotpSection() {
  const t = useT();
  const { state, reload } = useLoad(getTotpStatus);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const start = async () => {
    setFailure(null);
    try {
      setEnrolment(await startTotpEnrolment());
    } catch (error) {
      setFailure(error);
    }
  };
  const done = () => {
    setRecoveryCodes(null);
    reload();
  };

  return (
    <section className="card" aria-label={t('totp.title')}>
      <h2>{t('totp.title')}</h2>
      <ErrorBanner error={failure} />
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={done} />
      ) : enrolment ? (
        <Enrolment
          enrolment={enrolment}
          onConfirmed={(codes) => {
            setEnrolment(null);
            setRecoveryCodes(codes);
          }}
        />
      ) : state.kind === 'ready' && state.data.enabled ? (
        <>
          <p>{t('totp.on', { count: state.data.recoveryCodesLeft })}</p>
          <DisableForm onDisabled={reload} />
        </>
      ) : (
        state.kind === 'ready' && (
          <>
            <p className="muted">{t('totp.off')}</p>
            <button type="button" className="button button-primary" onClick={() => void start()}>
              {t('totp.setUp')}
            </button>
          </>
        )
      )}
    </section>
  );
}

function Enrolment({
  enrolment,
  onConfirmed,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (codes: string[]) => void;
}) {
  const t = useT();
  const form = useForm({
    initial: { code: '' },
    fields: ['code'],
    parse: parseTotpCode,
    send: (value) => confirmTotp(value.code),
    onSuccess: onConfirmed,
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <p className="muted">{t('totp.scan')}</p>
      <QrCode text={enrolment.uri} label={t('totp.qrCode')} />
      <div className="key-line">
        <code data-testid="totp-uri">{enrolment.uri}</code>
        <CopyButton text={enrolment.uri} />
      </div>
      <p className="muted">{t('totp.orType')}</p>
      <div className="key-line">
        <code data-testid="totp-secret">{enrolment.secret}</code>
        <CopyButton text={enrolment.secret} />
      </div>
      <ErrorBanner error={form.failure} />
      <FormField label={t('totp.firstCode')} bind={form.bind('code')}>
        <input autoComplete="one-time-code" inputMode="numeric" />
      </FormField>
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {t('totp.turnOn')}
      </button>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  return (
    <div className="form">
      <p className="banner">{t('totp.recoveryCodesOnce')}</p>
      <ul aria-label={t('totp.recoveryCodes')} className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="key-line">
        <CopyButton text={codes.join('\n')} label={t('totp.copyCodes')} />
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('totp.savedThem')}
        </button>
      </div>
    </div>
  );
}

/** Turning it off takes a current code or the password: a left-open session is not enough. */
function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const t = useT();
  const form = useForm({
    initial: { code: '', password: '' },
    fields: ['code', 'password'],
    parse: parseTotpDisableForm,
    send: disableTotp,
    onSuccess: onDisabled,
  });
  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <p className="muted">{t('totp.disableHint')}</p>
      <ErrorBanner error={form.failure} />
      <FormField label={t('secondFactor.code')} bind={form.bind('code')}>
        <input autoComplete="one-time-code" />
      </FormField>
      <FormField label={t('common.password')} bind={form.bind('password')}>
        <input type="password" autoComplete="current-password" />
      </FormField>
      <button type="submit" className="button button-danger" disabled={form.busy}>
        {t('totp.turnOff')}
      </button>
    </form>
  );
}
