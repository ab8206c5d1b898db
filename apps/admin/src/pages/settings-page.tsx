import { getAlertSettings } from '../api/alert-settings-api';
import { getSettings } from '../api/settings-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import { AlertSettingsForm } from './alert-settings-form';
import { AlertTestButtons } from './alert-test-buttons';
import { SettingsForm } from './settings-form';

/** Admins read the site, mail and alert settings; root changes and tests them. */
export function SettingsPage() {
  const t = useT();
  const { user, refresh } = useSession();
  const { state } = useLoad(getSettings);
  const alerts = useLoad(getAlertSettings).state;
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
      <h2>{t('alerts.title')}</h2>
      {alerts.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {alerts.kind === 'error' && <ErrorBanner error={alerts.error} />}
      {alerts.kind === 'ready' && <AlertSettingsForm settings={alerts.data} canEdit={isRoot} />}
      {alerts.kind === 'ready' && isRoot && <AlertTestButtons />}
    </>
  );
}
