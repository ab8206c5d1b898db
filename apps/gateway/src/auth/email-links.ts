import type { EmailTokenPurpose, Repositories } from '@oneapi/storage';
import { hashSecret, randomToken } from '../secrets/hash-secret';

/** How long a mailed link works. A reset link grants the account, so it lives briefly. */
export const EMAIL_LINK_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 30 * 60_000,
};

/**
 * A new single-use link token for `user`, replacing their earlier one of that purpose. Only
 * its hash is stored; the caller mails the token and forgets it. 43 characters: 256 bits.
 */
export async function issueEmailLink(
  repositories: Pick<Repositories, 'emailTokens'>,
  user: { readonly id: number; readonly email: string },
  purpose: EmailTokenPurpose,
  now = Date.now(),
): Promise<string> {
  const token = randomToken(43);
  await repositories.emailTokens.replace(
    {
      userId: user.id,
      purpose,
      tokenHash: hashSecret(token),
      email: user.email,
      expiresAt: now + EMAIL_LINK_TTL_MS[purpose],
    },
    now,
  );
  return token;
}

/** Uses up a link's token: its row if it was live, else undefined (unknown, used or expired). */
export function redeemEmailLink(
  repositories: Pick<Repositories, 'emailTokens'>,
  purpose: EmailTokenPurpose,
  token: string,
  now = Date.now(),
) {
  return repositories.emailTokens.consume(purpose, hashSecret(token), now);
}

/** Whether the address a link was sent to is still the user's (changing it voids the proof). */
export const isSameEmail = (a: string | null, b: string) =>
  a !== null && a.toLowerCase() === b.toLowerCase();

/** Whether a patch's `email` (undefined: not sent) replaces the address, so its proof lapses. */
export const changesEmail = (before: string | null, after: string | null | undefined) =>
  after !== undefined && (after ?? '').toLowerCase() !== (before ?? '').toLowerCase();
