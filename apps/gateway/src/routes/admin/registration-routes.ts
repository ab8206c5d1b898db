import { isUniqueViolation } from '@oneapi/storage';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { peerAddress } from '../../http/peer-address';
import { systemSettingsOf } from '../../options/system-settings';
import { hashPassword } from '../../secrets/passwords';
import { createLoginThrottle } from './login-throttle';
import { newUser } from './users-routes';
import { toUserView } from './views';

/** The same username and password rules as an account an admin creates. */
export const registration = newUser.pick({ username: true, password: true });

/**
 * Self-service sign-up, open only while root has `registrationEnabled` on. A new account is
 * a plain user in the default group with the new-user quota.
 */
export function createRegistrationRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const settings = systemSettingsOf(services);
  // Every attempt counts, accounts made or not: each new account may carry free quota, so
  // one client gets five sign-ups per 15 minutes (the sign-in limiter's window).
  const attempts = createLoginThrottle();

  app.post('/auth/register', async (c) => {
    const { registrationEnabled, newUserQuota, defaultGroup } = await settings.read();
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
    try {
      const user = await services.storage.repositories.users.create({
        username: body.username,
        displayName: body.username,
        email: null,
        role: 'user',
        status: 'enabled',
        groupName: defaultGroup,
        passwordHash: await hashPassword(body.password),
        quota: newUserQuota,
      });
      return c.json(toUserView(user), 201);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new GatewayError('conflict', 'That username is taken', { param: 'username' });
      throw error;
    }
  });

  return app;
}

// As sign-in does: the first forwarded address, else the TCP peer.
function clientOf(c: Context): string {
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || peerAddress(c) || 'local';
}
