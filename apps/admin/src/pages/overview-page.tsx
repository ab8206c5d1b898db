import { getSelf } from '../api/auth-api';
import { listChannels } from '../api/channels-api';
import { listTokens } from '../api/tokens-api';
import type { Page } from '../api/types';
import { listUsers } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { type Load, useLoad } from '../components/use-load';
import { formatCount, formatQuota } from '../lib/format';
import { useSession } from '../session/session-context';
import { InviteCard } from './invite-card';
import { RedeemForm } from './redeem-form';
import { UsageSection } from './usage-section';

/**
 * Who you are and what you have left, usage charts (everyone's for admins), and for admins
 * how many channels, users and keys exist.
 */
export function OverviewPage() {
  const { isAdmin, site } = useSession();
  const self = useLoad(getSelf);
  return (
    <>
      <h1>Overview</h1>
      {self.state.kind === 'loading' && <p className="muted">Loading…</p>}
      {self.state.kind === 'error' && <ErrorBanner error={self.state.error} />}
      {self.state.kind === 'ready' && (
        <div className="cards">
          <section className="card stat">
            <h2>Signed in as</h2>
            <p className="stat-value">{self.state.data.username}</p>
            <p className="muted">
              {self.state.data.role} · group {self.state.data.groupName}
            </p>
          </section>
          <section className="card stat">
            <h2>Remaining quota</h2>
            <p className="stat-value" data-testid="remaining-quota">
              {formatCount(self.state.data.quota)}
            </p>
            <p className="muted">{formatQuota(self.state.data.quota)}</p>
          </section>
          <section className="card stat">
            <h2>Used</h2>
            <p className="stat-value">{formatCount(self.state.data.usedQuota)}</p>
            <p className="muted">
              {formatCount(self.state.data.requestCount)}{' '}
              {self.state.data.requestCount === 1 ? 'request' : 'requests'}
            </p>
          </section>
        </div>
      )}
      <UsageSection isAdmin={isAdmin} />
      <h2 className="section-title">Top up</h2>
      <RedeemForm onRedeemed={self.reload} />
      {site.registrationEnabled && <InviteCard />}
      {isAdmin && <AdminCounts />}
    </>
  );
}

function AdminCounts() {
  const channels = useLoad(listChannels);
  const users = useLoad(listUsers);
  const { user } = useSession();
  const tokens = useLoad(() => listTokens(user.id));
  return (
    <>
      <h2 className="section-title">Gateway</h2>
      <div className="cards">
        <CountCard title="Channels" state={channels.state} />
        <CountCard title="Users" state={users.state} />
        <CountCard title="Your API keys" state={tokens.state} />
      </div>
    </>
  );
}

function CountCard({ title, state }: { title: string; state: Load<Page<unknown>> }) {
  return (
    <section className="card stat">
      <h2>{title}</h2>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <p className="stat-value">
          {formatCount(state.data.items.length)}
          {/* Lists are fetched one page of 500; more means "at least". */}
          {state.data.nextCursor ? '+' : ''}
        </p>
      )}
    </section>
  );
}
