import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditActorAs, recordAudit } from '../../audit/audit-trail';
import { isSameEmail, redeemEmailLink } from '../../auth/email-links';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { clientAddress } from '../../http/peer-address';
import { accountMailSenderOf } from '../../mail/account-mail';
import { hashPassword } from '../../secrets/passwords';
import { emailLinkToken, invalidEmailLink } from './email-verification-routes';
import { createLoginThrottle } from './login-throttle';

export const passwordResetRequest = z.strictObject({ email: z.email().max(255) });

export const passwordResetConfirm = emailLinkToken.extend({
  password: z.string().min(8, 'must be at least 8 characters').max(256),
});

/** What a reset request answers, whether or not any account has the address. */
export const passwordResetAccepted = z.object({ ok: z.literal(true) });

/**
 * "Forgot password?": a reset link mailed to the accounts with the address, and setting a
 * new password with it. Opening it proves the mailbox, so the address becomes verified; the
 * user's sessions and other reset links end with the old password.
 */
export function createPasswordResetRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // Mails to one address (3) and requests from one client (10) per 15 minutes; counted for
  // unknown addresses too, so the limit says nothing about which addresses have accounts.
  const perAddress = createLoginThrottle(Date.now, { maxFailures: 3 });
  const perClient = createLoginThrottle(Date.now, { maxFailures: 10 });
  // Wrong or spent tokens from one client: each attempt costs a password hash.
  const wrongTokens = createLoginThrottle(Date.now, { maxFailures: 10 });

  app.post('/auth/password-reset', async (c) => {
    const { email } = await parseBody(c, passwordResetRequest);
    const address = email.toLowerCase();
    limit(() => {
      perClient.check(clientOf(c));
      perAddress.check(address);
    });
    perClient.fail(clientOf(c));
    perAddress.fail(address);
    // Looked up and mailed after the answer: its status, body and timing are the same
    // whether or not an account has this address.
    mailResetLinks(services, address).catch((error: unknown) =>
      services.logger.warn({ err: String(error) }, 'password reset mail failed'),
    );
    return c.json({ ok: true as const }, 202);
  });

  app.post('/auth/password-reset/confirm', async (c) => {
    const { token, password } = await parseBody(c, passwordResetConfirm);
    limit(() => wrongTokens.check(clientOf(c)));
    const passwordHash = await hashPassword(password);
    const now = Date.now();
    try {
      await services.storage.transaction(async (repositories) => {
        const link = await redeemEmailLink(repositories, 'reset_password', token, now);
        const user = link && (await repositories.users.findById(link.userId));
        if (!link || !user || user.status !== 'enabled') throw invalidEmailLink();
        // The link reached the mailbox of the address it went to: that address is proved.
        const emailVerifiedAt = isSameEmail(user.email, link.email)
          ? (user.emailVerifiedAt ?? now)
          : user.emailVerifiedAt;
        await repositories.users.update(user.id, { passwordHash, emailVerifiedAt }, now);
        const sessionsEnded = await repositories.sessions.deleteForUser(user.id);
        await repositories.emailTokens.deleteForUser(user.id, 'reset_password');
        await recordAudit(repositories, auditActorAs(c, user), {
          action: 'update',
          entityType: 'user',
          entityId: user.id,
          before: {
            hasPassword: user.passwordHash !== null,
            emailVerifiedAt: user.emailVerifiedAt,
          },
          after: { passwordReset: true, hasPassword: true, emailVerifiedAt, sessionsEnded },
        });
      });
    } catch (error) {
      if (error instanceof GatewayError) wrongTokens.fail(clientOf(c));
      throw error;
    }
    return c.json({ ok: true as const });
  });

  return app;
}

/** Issues and mails one link per enabled account with the address (emails are not unique). */
async function mailResetLinks(services: GatewayServices, address: string): Promise<void> {
  const accounts = await services.storage.repositories.users.listByEmail(address);
  const enabled = accounts.filter((user) => user.status === 'enabled' && user.email !== null);
  if (enabled.length === 0) return;
  const sender = await accountMailSenderOf(services);
  if (!sender) {
    services.logger.warn('password reset asked, but this gateway has no SMTP server or PUBLIC_URL');
    return;
  }
  for (const user of enabled)
    await sender.mailLink({ ...user, email: user.email! }, 'reset_password');
}

function limit(check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new GatewayError('too_many_requests', 'Too many password resets; try again later', {
      cause: error,
    });
  }
}

// As sign-in does: the first forwarded address, else the TCP peer.
const clientOf = (c: Context) => clientAddress(c) ?? 'local';
