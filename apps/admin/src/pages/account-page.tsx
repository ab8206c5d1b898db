import { useT } from '../i18n/use-t';
import { PasskeysSection } from './passkeys-section';
import { TotpSection } from './totp-section';

/** One's own account: how one signs in beyond the password. */
export function AccountPage() {
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t('account.title')}</h1>
      </div>
      <TotpSection />
      <PasskeysSection />
    </>
  );
}
