import { getInvite } from '../api/auth-api';
import { CopyButton } from '../components/copy-button';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { buildInviteLink, describeInviteRewards } from '../lib/invite-link';

/**
 * The signed-in user's invite link. Shown only while sign-up is open (the link leads to a
 * closed page otherwise), with or without a reward: the code is the same either way.
 */
export function InviteCard() {
  const { state } = useLoad(getInvite);
  return (
    <section className="card" aria-label="Invite">
      <h2>Invite someone</h2>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <InviteLink
          link={buildInviteLink(window.location.origin, state.data.inviteCode)}
          rewards={describeInviteRewards(state.data.inviterQuota, state.data.inviteeQuota)}
        />
      )}
    </section>
  );
}

function InviteLink({ link, rewards }: { link: string; rewards: string }) {
  return (
    <>
      <p className="muted">{rewards}</p>
      <div className="key-line">
        <code data-testid="invite-link">{link}</code>
        <CopyButton text={link} label="Copy link" />
      </div>
    </>
  );
}
