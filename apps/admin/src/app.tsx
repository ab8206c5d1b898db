import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { RESET_PASSWORD_PATH, VERIFY_EMAIL_PATH } from './api/account-mail-api';
import { getSession, getStatus, signOut } from './api/auth-api';
import { forgetPlaygroundKey } from './api/playground-key';
import type { SecondFactorMethod } from './api/two-factor-api';
import type { SiteStatus, User } from './api/types';
import { ErrorBanner } from './components/error-banner';
import { Layout } from './components/layout';
import { PageLoading } from './components/page-loading';
import { useT } from './i18n/use-t';
import {
  AccountPage,
  AuditPage,
  ChannelsPage,
  CodesPage,
  LogsPage,
  OverviewPage,
  PlaygroundPage,
  PricesPage,
  PublicPricingPage,
  ResetPasswordPage,
  SettingsPage,
  SetupPage,
  TokensPage,
  UsagePage,
  UsersPage,
  VerifyEmailPage,
} from './pages/lazy-pages';
import { SecondFactorPage } from './pages/second-factor-page';
import { SignedOutRoutes } from './pages/signed-out-routes';
import { type Session, SessionContext } from './session/session-context';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out'; site: SiteStatus }
  | { kind: 'second-factor'; site: SiteStatus; methods: SecondFactorMethod[] }
  | { kind: 'signed-in'; site: SiteStatus; user: User };

/** Finds out whether to show first-run setup, sign-in or the dashboard. */
async function readPhase(): Promise<Phase> {
  const site = await getStatus();
  if (site.setupRequired) return { kind: 'setup' };
  const step = await getSession();
  if (!step) return { kind: 'signed-out', site };
  return step.kind === 'signed-in'
    ? { kind: 'signed-in', site, user: step.user }
    : { kind: 'second-factor', site, methods: step.methods };
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

  const site = 'site' in phase ? phase.site : null;
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
  if (phase.kind === 'second-factor')
    return (
      <SecondFactorPage
        site={phase.site}
        methods={phase.methods}
        onSignedIn={(user) => setPhase({ kind: 'signed-in', site: phase.site, user })}
        onCancel={() => setPhase({ kind: 'signed-out', site: phase.site })}
      />
    );
  if (phase.kind === 'signed-out' || !session)
    return (
      <SignedOutRoutes
        site={phase.site}
        onSignedIn={(user) => setPhase({ kind: 'signed-in', site: phase.site, user })}
        onSecondFactor={(methods) => setPhase({ kind: 'second-factor', site: phase.site, methods })}
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
            <Route path="account" element={<AccountPage />} />
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
