import type { User } from '@oneapi/storage';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { GatewayServices } from '../compose';
import { SESSION_COOKIE } from '../middleware/authorize-admin-route';
import { hashSecret, randomToken } from '../secrets/hash-secret';

/** Whether the client reached this gateway over HTTPS (directly or through a proxy). */
export function isSecureRequest(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * The one way a user who has proved who they are gets a dashboard session, whether by
 * password or through an identity provider: a new session row and its httpOnly cookie.
 * A user with a second factor gets here only through it: first factors call beginSignIn,
 * which holds the sign-in pending until the second-factor routes complete it.
 * Returns the session's CSRF token.
 */
export async function completeSignIn(
  c: Context,
  services: GatewayServices,
  user: User,
): Promise<string> {
  const sessionId = randomToken(43);
  const csrfToken = randomToken(32);
  const now = Date.now();
  await services.storage.repositories.sessions.create({
    idHash: hashSecret(sessionId),
    userId: user.id,
    csrfToken,
    createdAt: now,
    expiresAt: now + services.config.sessionTtlMs,
  });
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    // Lax, not Strict: an identity provider's redirect back is a cross-site navigation, and
    // the dashboard it lands on must see the cookie.
    sameSite: 'Lax',
    path: '/',
    secure: isSecureRequest(c),
    maxAge: Math.floor(services.config.sessionTtlMs / 1000),
  });
  return csrfToken;
}
