import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { RESET_PASSWORD_PATH, VERIFY_EMAIL_PATH } from './api/account-mail-api';
import { getSession, getStatus, signOut } from './api/auth-api';
import { forgetPlaygroundKey } from './api/playground-key';
import type { SiteStatus, User } from './api/types';
import { ErrorBanner } from './components/error-banner';
import { Layout } from './components/layout';
import { PageLoading } from './components/page-loading';
import { useT } from './i18n/use-t';
import {
  AuditPage,
  ChannelsPage,
  CodesPage,
  LogsPage,
  OverviewPage,
  PlaygroundPage,
  PricesPage,
  ProfilePage,
  PublicPricingPage,
  ResetPasswordPage,
  SettingsPage,
  SetupPage,
  TokensPage,
  UsagePage,
  UsersPage,
  VerifyEmailPage,
} from './pages/lazy-pages';
import { SignedOutRoutes } from './pages/signed-out-routes';
import { type Session, SessionContext } from './session/session-context';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out'; site: SiteStatus }
  | { kind: 'signed-in'; site: SiteStatus; user: User };

/** Finds out whether to show first-run setup, sign-in or the dashboard. */
async function readPhase(): Promise<Phase> {
  const site = await getStatus();
  if (site.setupRequired) return { kind: 'setup' };
  const user = await getSession();
  return user ? { kind: 'signed-in', site, user } : { kind: 'signed-out', site };
}

export function App() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const refresh = useCallback(async () => {
    try {
      setPhase(await readPhase());
    } catch (error) {
      setPhase({ kind: 'failed', error });
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const site = phase.kind === 'signed-in' || phase.kind === 'signed-out' ? phase.site : null;
  useEffect(() => {
    if (site) document.title = site.systemName;
  }, [site]);

  const signedIn = phase.kind === 'signed-in' ? phase : null;
  const session = useMemo<Session | null>(
    () =>
      signedIn && {
        user: signedIn.user,
        site: signedIn.site,
        isAdmin: signedIn.user.role !== 'user',
        refresh,
        signOut: async () => {
          await signOut().catch(() => undefined);
          forgetPlaygroundKey();
          setPhase({ kind: 'signed-out', site: signedIn.site });
        },
      },
    [signedIn, refresh],
  );

  if (phase.kind === 'loading') return <p className="centered muted">{t('common.loading')}</p>;
  if (phase.kind === 'failed')
    return (
      <div className="centered">
        <ErrorBanner error={phase.error} />
      </div>
    );
  if (phase.kind === 'setup')
    return (
      <Suspense fallback={<PageLoading />}>
        <SetupPage onDone={() => void refresh()} />
      </Suspense>
    );
  if (phase.kind === 'signed-out' || !session)
    return (
      <SignedOutRoutes
        site={phase.site}
        onSignedIn={(user) => setPhase({ kind: 'signed-in', site: phase.site, user })}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <BrowserRouter>
        <Routes>
          {/* A mailed link opened in a signed-in browser: the same pages as signed out. */}
          <Route
            path={VERIFY_EMAIL_PATH}
            element={
              <Suspense fallback={<PageLoading />}>
                <VerifyEmailPage site={session.site} />
              </Suspense>
            }
          />
          <Route
            path={RESET_PASSWORD_PATH}
            element={
              <Suspense fallback={<PageLoading />}>
                <ResetPasswordPage site={session.site} />
              </Suspense>
            }
          />
          <Route element={<Layout />}>
            <Route index element={<OverviewPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="playground" element={<PlaygroundPage />} />
            <Route path="logs" element={<LogsPage />} />
            <Route path="usage" element={<UsagePage />} />
            <Route path="profile" element={<ProfilePage />} />
            {session.site.publicPricing && <Route path="pricing" element={<PublicPricingPage />} />}
            {session.isAdmin && <Route path="channels" element={<ChannelsPage />} />}
            {session.isAdmin && <Route path="prices" element={<PricesPage />} />}
            {session.isAdmin && <Route path="users" element={<UsersPage />} />}
            {session.isAdmin && <Route path="codes" element={<CodesPage />} />}
            {session.isAdmin && <Route path="settings" element={<SettingsPage />} />}
            {session.isAdmin && <Route path="audit" element={<AuditPage />} />}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionContext.Provider>
  );
}
