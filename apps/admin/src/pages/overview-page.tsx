import { getSelf } from '../api/auth-api';
import { listChannels } from '../api/channels-api';
import { listTokens } from '../api/tokens-api';
import type { Page } from '../api/types';
import { listUsers } from '../api/users-api';
import { ErrorBanner } from '../components/error-banner';
import { type Load, useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
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
  const t = useT();
  const { isAdmin, site } = useSession();
  const self = useLoad(getSelf);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      {self.state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {self.state.kind === 'error' && <ErrorBanner error={self.state.error} />}
      {self.state.kind === 'ready' && (
        <div className="cards">
          <section className="card stat">
            <h2>{t('overview.signedInAs')}</h2>
            <p className="stat-value">{self.state.data.username}</p>
            <p className="muted">
              {t('overview.roleGroup', {
                role: t(`role.${self.state.data.role}`),
                group: self.state.data.groupName,
              })}
            </p>
          </section>
          <section className="card stat">
            <h2>{t('overview.remaining')}</h2>
            <p className="stat-value" data-testid="remaining-quota">
              {formatCount(self.state.data.quota)}
            </p>
            <p className="muted">{formatQuota(self.state.data.quota)}</p>
          </section>
          <section className="card stat">
            <h2>{t('common.used')}</h2>
            <p className="stat-value">{formatCount(self.state.data.usedQuota)}</p>
            <p className="muted">
              {t('overview.requestCount', { count: self.state.data.requestCount })}
            </p>
          </section>
        </div>
      )}
      <UsageSection isAdmin={isAdmin} />
      <h2 className="section-title">{t('overview.topUp')}</h2>
      <RedeemForm onRedeemed={self.reload} />
      {site.registrationEnabled && <InviteCard />}
      {isAdmin && <AdminCounts />}
    </>
  );
}

function AdminCounts() {
  const t = useT();
  const channels = useLoad(listChannels);
  const users = useLoad(listUsers);
  const { user } = useSession();
  const tokens = useLoad(() => listTokens(user.id));
  return (
    <>
      <h2 className="section-title">{t('overview.gateway')}</h2>
      <div className="cards">
        <CountCard title={t('nav.channels')} state={channels.state} />
        <CountCard title={t('nav.users')} state={users.state} />
        <CountCard title={t('overview.yourKeys')} state={tokens.state} />
      </div>
    </>
  );
}

function CountCard({ title, state }: { title: string; state: Load<Page<unknown>> }) {
  const t = useT();
  return (
    <section className="card stat">
      <h2>{title}</h2>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
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
