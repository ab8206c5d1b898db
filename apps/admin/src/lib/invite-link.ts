import { t } from '../i18n/t';

/** The sign-up page's path; an invite link adds `?invite=<code>`. */
export const SIGN_UP_PATH = '/sign-up';

/** The models and prices anyone may read, while root publishes them. */
export const PUBLIC_PRICING_PATH = '/pricing';

/** `https://gateway.example.com/sign-up?invite=abc123`. */
export function buildInviteLink(origin: string, inviteCode: string): string {
  return `${origin}${SIGN_UP_PATH}?${new URLSearchParams({ invite: inviteCode })}`;
}

/** The code from an invite link's query string (`?invite=…`), trimmed; empty when absent. */
export function readInviteCode(search: string): string {
  return new URLSearchParams(search).get('invite')?.trim() ?? '';
}

/** What a sign-up with one's code brings, in words. */
export function describeInviteRewards(inviterQuota: number, inviteeQuota: number): string {
  if (inviterQuota <= 0 && inviteeQuota <= 0) return t('invite.none');
  const parts = [
    inviterQuota > 0 && t('invite.you', { quota: inviterQuota }),
    inviteeQuota > 0 && t('invite.they', { quota: inviteeQuota }),
  ].filter(Boolean);
  return t('invite.rewards', { parts: parts.join(t('invite.and')) });
}
