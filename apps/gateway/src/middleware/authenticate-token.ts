import type { Context, MiddlewareHandler } from 'hono';
import type { GatewayServices } from '../compose';
import type { AppEnv } from '../http/app-env';
import { GatewayError } from '../http/gateway-error';
import { peerAddress } from '../http/peer-address';
import { isAddressAllowed } from '../routes/relay/client-ip';
import { hashSecret } from '../secrets/hash-secret';

/**
 * Relay authentication: `Authorization: Bearer sk-...` (or Anthropic's `x-api-key`, or
 * Google's `x-goog-api-key`; where `keyInQuery` says so, Google's `?key=` too). The key is looked up
 * by its hash, then its status, expiry, owner and IP allowlist are checked.
 */
export function authenticateToken(
  services: GatewayServices,
  options: { keyInQuery?: (c: Context<AppEnv>) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key =
      /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ??
      c.req.header('x-api-key')?.trim() ??
      c.req.header('x-goog-api-key')?.trim() ??
      (options.keyInQuery?.(c) ? c.req.query('key')?.trim() : undefined);
    if (!key)
      throw new GatewayError(
        'invalid_api_key',
        'Missing API key: send Authorization: Bearer sk-...',
      );
    const found = await services.tokenCache.get(hashSecret(key));
    if (!found) throw new GatewayError('invalid_api_key', 'Incorrect API key provided');
    const { token, owner } = found;
    if (token.status === 'disabled')
      throw new GatewayError('token_disabled', 'This API key is disabled');
    if (token.status === 'expired' || (token.expiresAt !== null && token.expiresAt <= Date.now())) {
      throw new GatewayError('token_expired', 'This API key has expired');
    }
    if (owner.status !== 'enabled')
      throw new GatewayError('token_disabled', 'The owner of this API key is disabled');
    if (token.allowedIps && token.allowedIps.length > 0) {
      const address = peerAddress(c);
      if (!address || !isAddressAllowed(address, token.allowedIps)) {
        throw new GatewayError('ip_not_allowed', 'This API key may not be used from this address');
      }
    }
    c.set('token', token);
    c.set('tokenOwner', owner);
    return next();
  };
}
