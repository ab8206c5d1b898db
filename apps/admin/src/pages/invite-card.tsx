import { getInvite } from '../api/auth-api';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { buildInviteLink, describeInviteRewards } from '../lib/invite-link';

/**
 * The signed-in user's invite link. Shown only while sign-up is open (the link leads to a
 * closed page otherwise), with or without a reward: the code is the same either way.
 */
export function InviteCard() {
  const t = useT();
  const { state } = useLoad(getInvite);
  return (
    <section className="card" aria-label={t('invite.region')}>
      <h2>{t('invite.title')}</h2>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <>
          <p className="muted">
            {describeInviteRewards(state.data.inviterQuota, state.data.inviteeQuota)}
          </p>
          <div className="key-line">
            <code data-testid="invite-link">
              {buildInviteLink(window.location.origin, state.data.inviteCode)}
            </code>
            <CopyButton
              text={buildInviteLink(window.location.origin, state.data.inviteCode)}
              label={t('invite.copyLink')}
            />
          </div>
        </>
      )}
    </section>
  );
}
