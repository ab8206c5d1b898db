import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import type { GatewayServices } from '../compose';
import type { AppEnv } from '../http/app-env';
import { GatewayError } from '../http/gateway-error';
import { ADMIN_POLICY, satisfiesRole } from '../routes/admin/admin-policy';
import { hashSecret } from '../secrets/hash-secret';

export const SESSION_COOKIE = 'oneapi_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Enforces ADMIN_POLICY for every /api route: looks up the matched route, authenticates
 * (access token, or session cookie with a CSRF header on writes), and checks the role.
 */
export function authorizeAdminRoute(services: GatewayServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The admin handler that matched (other apps' catch-alls, like the dashboard's, may follow it).
    const route = matchedRoutes(c)
      .map((matched) => matched.path)
      .findLast((path) => path.startsWith('/api/') && path !== '/api/*');
    // No admin handler matched: let the 404 answer.
    if (route === undefined) return next();
    const access = ADMIN_POLICY[`${c.req.method} ${route}`];
    if (access === undefined)
      throw new GatewayError('forbidden', 'This route has no access policy');
    if (access === 'public') return next();

    const user = await authenticate(c, services);
    if (user.status !== 'enabled') throw new GatewayError('forbidden', 'This account is disabled');
    if (!satisfiesRole(user.role, access))
      throw new GatewayError('forbidden', 'You do not have access to this');
    c.set('user', user);
    return next();
  };
}

async function authenticate(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  services: GatewayServices,
) {
  const { users, sessions } = services.storage.repositories;
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
  if (bearer) {
    const user = await users.findByAccessTokenHash(hashSecret(bearer));
    if (!user) throw new GatewayError('unauthorized', 'Invalid access token');
    c.set('session', undefined);
    return user;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const session = cookie ? await sessions.findValid(hashSecret(cookie)) : undefined;
  if (!session) throw new GatewayError('unauthorized', 'Sign in first');
  // Cookies ride along on cross-site requests; a write must also prove it read the page.
  if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== session.csrfToken) {
    throw new GatewayError('csrf_failed', 'Missing or wrong x-csrf-token header');
  }
  const user = await users.findById(session.userId);
  if (!user) throw new GatewayError('unauthorized', 'Sign in first');
  c.set('session', session);
  return user;
}
