import { formatQuota } from './format';

/** The sign-up page's path; an invite link adds `?invite=<code>`. */
export const SIGN_UP_PATH = '/sign-up';

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
  if (inviterQuota <= 0 && inviteeQuota <= 0)
    return 'No quota comes with an invite at the moment; the link still fills in your code.';
  const parts = [
    inviterQuota > 0 && `you get ${formatQuota(inviterQuota)}`,
    inviteeQuota > 0 && `they get ${formatQuota(inviteeQuota)} on top of the usual start`,
  ].filter(Boolean);
  return `For each account created with your link, ${parts.join(' and ')}.`;
}
