import { Hono } from 'hono';
import { z } from 'zod';
import { auditActorAs, recordAudit } from '../../audit/audit-trail';
import { isSameEmail, redeemEmailLink } from '../../auth/email-links';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { accountMailSenderOf } from '../../mail/account-mail';
import { createLoginThrottle } from './login-throttle';

/** The token from a mailed link (the part after `#token=`). */
export const emailLinkToken = z.strictObject({ token: z.string().min(1).max(128) });

export const verificationSent = z.object({
  /** The address the link went to. */
  sentTo: z.string(),
});

export const emailVerified = z.object({
  email: z.string(),
  /** Epoch ms. */
  emailVerifiedAt: z.number(),
});

/** The same answer for an unknown, used, expired or outdated link: none of them is usable. */
export const invalidEmailLink = () =>
  new GatewayError('invalid_request', 'This link is invalid, used or expired; ask for a new one', {
    param: 'token',
  });

/**
 * Proving an email address: a signed-in user asks for a link to their address, and opening
 * it (signed in or not: the token is the proof) marks the address verified, which lets an
 * identity provider's account with that verified email link to this user.
 */
export function createEmailVerificationRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // Each request puts a mail in someone's inbox: three per user per 15 minutes.
  const requests = createLoginThrottle(Date.now, { maxFailures: 3 });

  app.post('/user/self/email-verification', async (c) => {
    const user = c.get('user');
    if (!user.email)
      throw new GatewayError('invalid_request', 'Set an email address first', { param: 'email' });
    if (user.emailVerifiedAt !== null)
      throw new GatewayError('conflict', 'This email address is already verified');
    const sender = await accountMailSenderOf(services);
    if (!sender)
      throw new GatewayError(
        'invalid_request',
        'This gateway cannot send mail: an admin must set an SMTP server and PUBLIC_URL',
      );
    const key = `verify|${user.id}`;
    try {
      requests.check(key);
    } catch (error) {
      throw new GatewayError('too_many_requests', 'Too many verification mails; try later', {
        cause: error,
      });
    }
    requests.fail(key);
    const email = user.email;
    try {
      await sender.mailLink({ ...user, email }, 'verify_email');
    } catch (error) {
      services.logger.warn({ userId: user.id, err: String(error) }, 'verification mail failed');
      throw new GatewayError('upstream_error', 'The mail server did not take the mail; try later');
    }
    return c.json({ sentTo: email }, 202);
  });

  app.post('/auth/email-verification/confirm', async (c) => {
    const { token } = await parseBody(c, emailLinkToken);
    const now = Date.now();
    const verified = await services.storage.transaction(async (repositories) => {
      const link = await redeemEmailLink(repositories, 'verify_email', token, now);
      const user = link && (await repositories.users.findById(link.userId));
      // A link to an address the user has since replaced proves nothing about the new one.
      if (!link || !user || !isSameEmail(user.email, link.email)) throw invalidEmailLink();
      await repositories.users.update(user.id, { emailVerifiedAt: now });
      await recordAudit(repositories, auditActorAs(c, user), {
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        before: { email: user.email, emailVerifiedAt: user.emailVerifiedAt },
        after: { email: user.email, emailVerifiedAt: now },
      });
      return { email: link.email, emailVerifiedAt: now };
    });
    return c.json(verified);
  });

  return app;
}
