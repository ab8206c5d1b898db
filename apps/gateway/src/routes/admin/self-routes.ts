import { Hono } from 'hono';
import { z } from 'zod';
import { changesEmail } from '../../auth/email-links';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { parseBody } from '../../http/parse-body';
import { systemSettingsOf } from '../../options/system-settings';
import { hashSecret, randomToken } from '../../secrets/hash-secret';
import { hashPassword } from '../../secrets/passwords';
import { toUserView } from './views';

/** 12 characters of [A-Za-z0-9]: about 71 bits, so two users never draw the same code. */
const INVITE_CODE_LENGTH = 12;

// Only these fields: role, quota and group are not the user's to set.
export const selfPatch = z.strictObject({
  displayName: z.string().min(1).max(128).optional(),
  email: z.email().max(255).nullable().optional(),
  password: z.string().min(8).max(256).optional(),
});

export function createSelfRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { users, sessions } = services.storage.repositories;
  const settings = systemSettingsOf(services);

  // The CSRF token comes along for cookie sessions, so a reloaded dashboard can keep writing.
  app.get('/user/self', (c) => {
    const session = c.get('session');
    return c.json({
      ...toUserView(c.get('user')),
      ...(session && { csrfToken: session.csrfToken }),
    });
  });

  app.patch('/user/self', async (c) => {
    const { password, ...patch } = await parseBody(c, selfPatch);
    const user = c.get('user');
    await users.update(user.id, {
      ...patch,
      ...(password !== undefined && { passwordHash: await hashPassword(password) }),
      ...(changesEmail(user.email, patch.email) && { emailVerifiedAt: null }),
    });
    // A new password signs out every other session.
    if (password !== undefined) await sessions.deleteForUser(user.id);
    return c.json(toUserView((await users.findById(user.id))!));
  });

  app.post('/user/self/access-token', async (c) => {
    const accessToken = `at-${randomToken(40)}`;
    await users.update(c.get('user').id, { accessTokenHash: hashSecret(accessToken) });
    // Shown once; only its hash is kept.
    return c.json({ accessToken }, 201);
  });

  // One's invite code, made on first request; a sign-up with it rewards both sides.
  app.get('/user/self/invite', async (c) => {
    const user = c.get('user');
    // Conditional: of two first requests at once, one code wins and both answer it.
    if (user.inviteCode === null)
      await users.assignInviteCode(user.id, randomToken(INVITE_CODE_LENGTH));
    const inviteCode = user.inviteCode ?? (await users.findById(user.id))?.inviteCode;
    const { inviterQuota, inviteeQuota } = await settings.read();
    return c.json({ inviteCode, inviterQuota, inviteeQuota });
  });

  return app;
}
