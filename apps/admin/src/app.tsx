import { useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/api-error';
import { getSelf, getStatus, signOut } from './api/auth-api';
import { forgetPlaygroundKey } from './api/playground-key';
import type { User } from './api/types';
import { ErrorBanner } from './components/error-banner';
import { Layout } from './components/layout';
import { ChannelsPage } from './pages/channels-page';
import { CodesPage } from './pages/codes-page';
import { LogsPage } from './pages/logs-page';
import { OverviewPage } from './pages/overview-page';
import { PlaygroundPage } from './pages/playground-page';
import { PricesPage } from './pages/prices-page';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { TokensPage } from './pages/tokens-page';
import { UsersPage } from './pages/users-page';
import { type Session, SessionContext } from './session/session-context';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: User };

/** Finds out whether to show first-run setup, sign-in or the dashboard. */
async function readPhase(): Promise<Phase> {
  const { setupRequired } = await getStatus();
  if (setupRequired) return { kind: 'setup' };
  try {
    return { kind: 'signed-in', user: await getSelf() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signed-out' };
    throw error;
  }
}

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const refresh = useCallback(async () => {
    try {
      setPhase(await readPhase());
    } catch (error) {
      setPhase({ kind: 'failed', error });
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const user = phase.kind === 'signed-in' ? phase.user : null;
  const session = useMemo<Session | null>(
    () =>
      user && {
        user,
        isAdmin: user.role !== 'user',
        refreshUser: refresh,
        signOut: async () => {
          await signOut().catch(() => undefined);
          forgetPlaygroundKey();
          setPhase({ kind: 'signed-out' });
        },
      },
    [user, refresh],
  );

  if (phase.kind === 'loading') return <p className="centered muted">Loading…</p>;
  if (phase.kind === 'failed')
    return (
      <div className="centered">
        <ErrorBanner error={phase.error} />
      </div>
    );
  if (phase.kind === 'setup') return <SetupPage onDone={() => setPhase({ kind: 'signed-out' })} />;
  if (phase.kind === 'signed-out' || !session)
    return (
      <SignInPage onSignedIn={(signedIn) => setPhase({ kind: 'signed-in', user: signedIn })} />
    );
  return (
    <SessionContext.Provider value={session}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<OverviewPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="playground" element={<PlaygroundPage />} />
            <Route path="logs" element={<LogsPage />} />
            {session.isAdmin && <Route path="channels" element={<ChannelsPage />} />}
            {session.isAdmin && <Route path="prices" element={<PricesPage />} />}
            {session.isAdmin && <Route path="users" element={<UsersPage />} />}
            {session.isAdmin && <Route path="codes" element={<CodesPage />} />}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionContext.Provider>
  );
}
