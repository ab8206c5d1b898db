import { getSettings } from '../api/settings-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import { AlertSettingsSection } from './alert-settings-section';
import { SettingsForm } from './settings-form';
import { SsoSettingsSection } from './sso-settings-form';

/** Admins read the site settings; root changes them, and sets up and tests mail and alerts. */
export function SettingsPage() {
  const t = useT();
  const { user, refresh } = useSession();
  const { state } = useLoad(getSettings);
  const isRoot = user.role === 'root';
  return (
    <>
      <h1>{t('settings.title')}</h1>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <SettingsForm
          settings={state.data}
          canEdit={isRoot}
          // The name, logo, notice and sign-up switch show elsewhere: read them again.
          onSaved={() => void refresh()}
        />
      )}
      <SsoSettingsSection canEdit={user.role === 'root'} />
      {isRoot && <AlertSettingsSection />}
    </>
  );
}
