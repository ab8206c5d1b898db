import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { beginSignIn, secondFactorsOf } from '../../auth/begin-sign-in';
import { findPendingSignIn } from '../../auth/pending-sign-in';
import { createRoot } from '../../bootstrap/ensure-root';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { forwardedFor } from '../../http/peer-address';
import { accountMailSenderOf } from '../../mail/account-mail';
import { SESSION_COOKIE } from '../../middleware/authorize-admin-route';
import { systemSettingsOf } from '../../options/system-settings';
import { hashSecret } from '../../secrets/hash-secret';
import { hashPassword, needsRehash, verifyPassword } from '../../secrets/passwords';
import { createLoginThrottle } from './login-throttle';
import { toUserView } from './views';

export const credentials = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const setup = z.strictObject({
  setupToken: z.string().min(1),
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,64}$/, 'must be 3-64 letters, digits, _ . or -'),
  password: z.string().min(8, 'must be at least 8 characters').max(256),
});

/** Status, first-run setup, sign-in and sign-out. */
export function createAuthRoutes(services: GatewayServices) {
  const throttle = createLoginThrottle();
  // Failures for one username from all clients together.
  const usernameThrottle = createLoginThrottle(Date.now, { maxFailures: 20 });
  const settings = systemSettingsOf(services);
  const app = new Hono<AppEnv>();

  // What the dashboard shows before anyone signs in.
  app.get('/status', async (c) => {
    const { systemName, logoUrl, notice, registrationEnabled, publicPricing } =
      await settings.read();
    return c.json({
      setupRequired: services.rootState.kind === 'setup',
      systemName,
      logoUrl,
      notice,
      registrationEnabled,
      publicPricing,
      // Whether the sign-in page offers "Forgot password?": reset links can be mailed.
      passwordReset: (await accountMailSenderOf(services)) !== undefined,
    });
  });

  // The dashboard's first question, answered 200 either way: a signed-out visitor is not an
  // error, and a 401 here would put one in every signed-out browser console.
  app.get('/auth/session', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie
      ? await services.storage.repositories.sessions.findValid(hashSecret(cookie))
      : undefined;
    const user = session && (await services.storage.repositories.users.findById(session.userId));
    if (!session || !user || user.status !== 'enabled') {
      // Half-way through a sign-in (password or identity provider done): the dashboard asks
      // for the second factor instead of the first.
      const pending = await findPendingSignIn(c, services);
      if (pending?.userId == null) return c.json({ signedIn: false });
      return c.json({
        signedIn: false,
        secondFactor: { methods: await secondFactorsOf(services, pending.userId) },
      });
    }
    return c.json({ signedIn: true, user: toUserView(user), csrfToken: session.csrfToken });
  });

  app.post('/setup', async (c) => {
    const body = await parseBody(c, setup);
    const state = services.rootState;
    if (state.kind !== 'setup') throw new GatewayError('setup_done', 'Setup is already complete');
    if (hashSecret(body.setupToken) !== hashSecret(state.setupToken)) {
      throw new GatewayError('forbidden', 'Wrong setup token (it is printed in the gateway log)');
    }
    // Closed before the first await, so a concurrent second setup call finds it done.
    services.rootState = { kind: 'ready' };
    try {
      await createRoot(services.storage, { username: body.username, password: body.password });
    } catch (error) {
      services.rootState = state;
      throw error;
    }
    return c.json({ ok: true }, 201);
  });

  app.post('/auth/login', async (c) => {
    const body = await parseBody(c, credentials);
    // The client is who X-Forwarded-For says it is, which a direct caller writes itself: a new
    // address per attempt would guess without limit but for the per-username cap.
    const key = `${forwardedFor(c) ?? 'local'}|${body.username}`;
    throttle.check(key);
    usernameThrottle.check(body.username);
    const user = await services.storage.repositories.users.findByUsername(body.username);
    const valid = user?.passwordHash
      ? await verifyPassword(body.password, user.passwordHash)
      : false;
    if (!user || !valid || user.status !== 'enabled') {
      throttle.fail(key);
      usernameThrottle.fail(body.username);
      throw new GatewayError('unauthorized', 'Wrong username or password');
    }
    // The username-wide count stays: one client's success says nothing of the others.
    throttle.succeed(key);
    // A hash imported from One API (bcrypt) is replaced by ours while the password is at hand.
    if (needsRehash(user.passwordHash!))
      await services.storage.repositories.users.update(user.id, {
        passwordHash: await hashPassword(body.password),
      });
    const outcome = await beginSignIn(c, services, user);
    if (outcome.kind === 'second_factor')
      return c.json({ secondFactor: { methods: outcome.methods } });
    return c.json({ user: toUserView(user), csrfToken: outcome.csrfToken });
  });

  app.post('/auth/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await services.storage.repositories.sessions.delete(hashSecret(cookie));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  return app;
}
