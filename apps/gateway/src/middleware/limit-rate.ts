import {
  ipRateLimitRules,
  type RateLimitPolicy,
  type RateLimitRule,
  rateLimitHeaders,
  toRateLimitError,
} from '@oneapi/ledger';
import type { Context, MiddlewareHandler } from 'hono';
import type { GatewayServices } from '../compose';
import type { AppEnv } from '../http/app-env';
import { peerAddress } from '../http/peer-address';

/** Checks rules against the shared limiter, sets x-ratelimit-* headers, and refuses with a 429. */
export async function enforceRateLimit(
  services: GatewayServices,
  c: Context<AppEnv>,
  rules: readonly RateLimitRule[],
) {
  if (rules.length === 0) return;
  const decision = await services.rateLimiter.hit(rules);
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) c.header(name, value);
  if (!decision.allowed) throw toRateLimitError(decision);
}

/** Prefixes of the sign-in routes (not GET /api/auth/sso, which every sign-in page loads). */
const SIGN_IN_PATHS = [
  '/api/auth/login',
  '/api/auth/sso/',
  '/api/auth/second-factor',
  '/api/auth/passkey',
];

/** Per-client-IP limits on the admin API, stricter on sign-in (GLOBAL_API_RATE_LIMIT, LOGIN_RATE_LIMIT). */
export function limitAdminRate(services: GatewayServices): MiddlewareHandler<AppEnv> {
  const policy: RateLimitPolicy = {
    adminIpRpm: services.config.rateLimits.adminIpRpm,
    loginIpRpm: services.config.rateLimits.loginIpRpm,
  };
  return async (c, next) => {
    const ip = peerAddress(c) ?? 'unknown';
    // Sign-in through a provider counts as a sign-in: each start fetches the issuer's metadata.
    // So do second factors and passkeys: each options call stores a challenge.
    const scope = SIGN_IN_PATHS.some((path) => c.req.path.startsWith(path)) ? 'login' : 'admin';
    await enforceRateLimit(services, c, ipRateLimitRules(policy, scope, ip));
    return next();
  };
}
