import { rewardInvite } from '@oneapi/ledger';
import { isUniqueViolation, type User } from '@oneapi/storage';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { forwardedFor, peerAddress } from '../../http/peer-address';
import { accountMailSenderOf } from '../../mail/account-mail';
import { systemSettingsOf } from '../../options/system-settings';
import { hashPassword } from '../../secrets/passwords';
import { createLoginThrottle } from './login-throttle';
import { newUser } from './users-routes';
import { toUserView } from './views';

/**
 * The same username, password and email rules as an account an admin creates, and an invite
 * code. With an email, a verification link is mailed when this gateway can send mail.
 */
export const registration = newUser.pick({ username: true, password: true, email: true }).extend({
  /** Another user's code (`GET /api/user/self/invite`); empty: none. */
  inviteCode: z.string().max(32).optional(),
});

/**
 * Self-service sign-up, open only while root has `registrationEnabled` on. A new account is
 * a plain user in the default group with the new-user quota. With an invite code, it records
 * its inviter, and the ledger credits `inviteeQuota` to it and `inviterQuota` to the inviter.
 */
export function createRegistrationRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const settings = systemSettingsOf(services);
  // Every attempt counts, accounts made or not: each new account may carry free quota, so
  // one client gets five sign-ups per 15 minutes (the sign-in limiter's window).
  const attempts = createLoginThrottle();
  const { users } = services.storage.repositories;
  // Only an enabled account's code counts: disabling a user also stops their rewards.
  const findInviter = async (code: string | undefined): Promise<User | undefined> => {
    const trimmed = code?.trim();
    if (!trimmed) return undefined;
    const inviter = await users.findByInviteCode(trimmed);
    if (inviter?.status !== 'enabled')
      throw new GatewayError('invalid_request', 'No such invite code', { param: 'inviteCode' });
    return inviter;
  };

  app.post('/auth/register', async (c) => {
    const { registrationEnabled, newUserQuota, defaultGroup, inviterQuota, inviteeQuota } =
      await settings.read();
    if (!registrationEnabled)
      throw new GatewayError('forbidden', 'Registration is closed; ask an admin for an account');
    const key = `register|${clientOf(c)}`;
    try {
      attempts.check(key);
    } catch (error) {
      throw new GatewayError('too_many_requests', 'Too many sign-ups; try again later', {
        cause: error,
      });
    }
    attempts.fail(key);
    const body = await parseBody(c, registration);
    // Wrong codes count as attempts above, so codes cannot be guessed faster than sign-ups.
    const inviter = await findInviter(body.inviteCode);
    let user: User;
    try {
      user = await users.create({
        username: body.username,
        displayName: body.username,
        email: body.email ?? null,
        role: 'user',
        status: 'enabled',
        groupName: defaultGroup,
        passwordHash: await hashPassword(body.password),
        quota: newUserQuota,
        inviterId: inviter?.id ?? null,
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new GatewayError('conflict', 'That username is taken', { param: 'username' });
      throw error;
    }
    if (inviter) {
      // Once per invitee (idempotency keys `invite:<id>:inviter|invitee`), as a top-up each.
      // The account exists by now: a failure here is logged for an admin, not the sign-up's.
      try {
        const invite = { inviterId: inviter.id, inviteeId: user.id };
        await rewardInvite(services.storage, invite, { inviterQuota, inviteeQuota });
        user = (await users.findById(user.id)) ?? user;
      } catch (error) {
        services.logger.error(
          { userId: user.id, inviterId: inviter.id, err: String(error) },
          'invite reward failed; credit it with POST /api/users/:id/quota',
        );
      }
    }
    if (user.email) await mailVerificationLink(services, user);
    return c.json(toUserView(user), 201);
  });

  return app;
}

/** The account exists either way: a mail that cannot go out is logged, and can be asked again. */
async function mailVerificationLink(services: GatewayServices, user: User): Promise<void> {
  try {
    const sender = await accountMailSenderOf(services);
    if (sender && user.email) await sender.mailLink({ ...user, email: user.email }, 'verify_email');
  } catch (error) {
    services.logger.warn({ userId: user.id, err: String(error) }, 'verification mail failed');
  }
}

// As sign-in does: the first forwarded address, else the TCP peer.
function clientOf(c: Context): string {
  return forwardedFor(c) ?? peerAddress(c) ?? 'local';
}
