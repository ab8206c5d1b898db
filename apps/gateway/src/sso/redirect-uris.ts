import type { Context } from 'hono';
import type { GatewayConfig } from '../config';
import type { SsoProvider } from './external-identity';

/** Where browsers reach the gateway: PUBLIC_URL, else the address this request came to. */
export function publicBaseUrl(c: Context, config: Pick<GatewayConfig, 'publicUrl'>): string {
  return config.publicUrl ?? new URL(c.req.url).origin;
}

/** The path a provider sends the browser back to; registered at the provider with the base. */
export function callbackPath(provider: SsoProvider): string {
  return `/api/auth/sso/${provider}/callback`;
}

/** The redirect URI to register at each provider. */
export function redirectUriOf(
  c: Context,
  config: Pick<GatewayConfig, 'publicUrl'>,
  provider: SsoProvider,
): string {
  return `${publicBaseUrl(c, config)}${callbackPath(provider)}`;
}
