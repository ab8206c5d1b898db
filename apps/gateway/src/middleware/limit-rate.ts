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

/** Per-client-IP limits on the admin API, stricter on sign-in (GLOBAL_API_RATE_LIMIT, LOGIN_RATE_LIMIT). */
export function limitAdminRate(services: GatewayServices): MiddlewareHandler<AppEnv> {
  const policy: RateLimitPolicy = {
    adminIpRpm: services.config.rateLimits.adminIpRpm,
    loginIpRpm: services.config.rateLimits.loginIpRpm,
  };
  return async (c, next) => {
    const ip = peerAddress(c) ?? 'unknown';
    // Sign-in through a provider counts as a sign-in: each start fetches the issuer's metadata.
    const scope =
      c.req.path === '/api/auth/login' || c.req.path.startsWith('/api/auth/sso/')
        ? 'login'
        : 'admin';
    await enforceRateLimit(services, c, ipRateLimitRules(policy, scope, ip));
    return next();
  };
}
