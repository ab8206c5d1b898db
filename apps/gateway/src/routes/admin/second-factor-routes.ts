import type { SignInChallenge, User } from '@oneapi/storage';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { completeSignIn } from '../../auth/complete-sign-in';
import {
  endPendingSignIn,
  failPendingSignIn,
  findPendingSignIn,
  takePendingSignIn,
} from '../../auth/pending-sign-in';
import { verifyPasskeyAnswer } from '../../auth/verify-passkey';
import { verifyTotpCode } from '../../auth/verify-totp-code';
import {
  loadWebAuthnLibrary,
  passkeyAnswer,
  relyingPartyOf,
  saveWebAuthnChallenge,
} from '../../auth/webauthn';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { clientAddress } from '../../http/peer-address';
import { createLoginThrottle } from './login-throttle';
import { toUserView } from './views';

export const secondFactorCode = z.strictObject({
  /** 6 digits from the authenticator app, or a recovery code (`xxxxx-xxxxx`). */
  code: z.string().trim().min(6).max(32),
});

/**
 * The second step of a sign-in that passed its password or identity provider: a code from
 * the authenticator app, a recovery code, or a passkey. Only a pending sign-in (its cookie)
 * gets here; success starts the session.
 */
export function createSecondFactorRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // Per user, across pending sign-ins: each allows 5 tries, and this caps how many a
  // password holder can open.
  const throttle = createLoginThrottle(Date.now, { maxFailures: 10 });
  const { users, passkeys } = services.storage.repositories;

  const pendingOf = async (c: Context) => {
    const pending = await findPendingSignIn(c, services);
    const user = pending?.userId != null ? await users.findById(pending.userId) : undefined;
    if (!pending || !user || user.status !== 'enabled')
      throw new GatewayError(
        'unauthorized',
        'No sign-in is waiting for a second factor here, or it expired; sign in again',
      );
    return { pending, user };
  };

  // Each step asks for its pending sign-in first: without one, every caller gets the same
  // 401, whatever it sent.
  app.post('/auth/second-factor', async (c) => {
    const { pending, user } = await pendingOf(c);
    const { code } = await parseBody(c, secondFactorCode);
    const key = String(user.id);
    throttle.check(key);
    const method = await verifyTotpCode(services, user.id, code);
    if (!method) {
      throttle.fail(key);
      await failPendingSignIn(c, services, pending);
      throw new GatewayError('unauthorized', 'Wrong or already used code');
    }
    return finish(c, pending, user, method);
  });

  // "Start over": the browser forgets the half-done sign-in, and so does the gateway.
  app.delete('/auth/second-factor', async (c) => {
    const pending = await findPendingSignIn(c, services);
    if (pending) await endPendingSignIn(c, services, pending);
    return c.body(null, 204);
  });

  app.post('/auth/second-factor/passkey/options', async (c) => {
    const { user } = await pendingOf(c);
    const keys = await passkeys.listForUser(user.id);
    if (keys.length === 0)
      throw new GatewayError('invalid_request', 'This account has no passkey; use a code');
    const { generateAuthenticationOptions } = await loadWebAuthnLibrary();
    const options = await generateAuthenticationOptions({
      rpID: relyingPartyOf(c, services).rpID,
      allowCredentials: keys.map((key) => ({ id: key.credentialId })),
      userVerification: 'required',
    });
    await saveWebAuthnChallenge(services, 'passkey_sign_in', user.id, options.challenge);
    return c.json(options);
  });

  app.post('/auth/second-factor/passkey', async (c) => {
    const { pending, user } = await pendingOf(c);
    const { response } = await parseBody(c, passkeyAnswer);
    const passkey = await verifyPasskeyAnswer(c, services, response, 'passkey_sign_in');
    if (passkey.userId !== user.id)
      throw new GatewayError('unauthorized', 'This passkey belongs to another account');
    return finish(c, pending, user, 'passkey');
  });

  const finish = async (c: Context, pending: SignInChallenge, user: User, method: string) => {
    // Of two requests with a right answer, one signs in; the pending sign-in is spent.
    if (!(await takePendingSignIn(c, services, pending)))
      throw new GatewayError('unauthorized', 'This sign-in was already completed; sign in again');
    throttle.succeed(String(user.id));
    const csrfToken = await completeSignIn(c, services, user);
    services.logger.info(
      { userId: user.id, method, clientIp: clientAddress(c) },
      'signed in with a second factor',
    );
    return c.json({ user: toUserView(user), csrfToken });
  };

  return app;
}
