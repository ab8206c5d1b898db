import { createHash } from 'node:crypto';
import type { importPKCS8 } from 'jose';
import { createUpstreamError } from '../../core/upstream-error';
import { AdapterError } from '../../spec/adapter-error';
import { parseServiceAccount, type ServiceAccount, unusableKey } from './vertex-service-account';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const ASSERTION_LIFETIME_S = 3600;
/** Refresh this long before expiry, as Google's own auth libraries do. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface VertexAuthOptions {
  /**
   * Where the signed assertion is exchanged. The key file's own `token_uri` is ignored on
   * purpose: a channel key should not choose where the gateway sends signed credentials.
   */
  readonly tokenUrl?: string;
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

export interface VertexAuth {
  /** An OAuth2 access token for the service account, from cache while it is fresh. */
  getAccessToken(serviceAccountJson: string): Promise<string>;
}

interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
}

/** Service account -> access token (JWT bearer grant, RFC 7523), cached per key. */
export function createVertexAuth(options: VertexAuthOptions = {}): VertexAuth {
  const tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedToken>();
  // Concurrent requests for the same key share one exchange.
  const pending = new Map<string, Promise<string>>();

  const exchange = async (cacheKey: string, account: ServiceAccount): Promise<string> => {
    const assertion = await signAssertion(account, tokenUrl, now());
    const { token, expiresInS } = await requestToken(fetchImpl, tokenUrl, assertion);
    cache.set(cacheKey, { token, refreshAt: now() + expiresInS * 1000 - REFRESH_MARGIN_MS });
    return token;
  };

  return {
    async getAccessToken(serviceAccountJson) {
      const cacheKey = createHash('sha256').update(serviceAccountJson).digest('hex');
      const cached = cache.get(cacheKey);
      if (cached && now() < cached.refreshAt) return cached.token;
      const inFlight = pending.get(cacheKey);
      if (inFlight) return inFlight;
      const account = parseServiceAccount(serviceAccountJson);
      const request = exchange(cacheKey, account).finally(() => pending.delete(cacheKey));
      pending.set(cacheKey, request);
      return request;
    },
  };
}

async function signAssertion(account: ServiceAccount, audience: string, nowMs: number) {
  // jose (some 180 ES modules) is imported at the first token exchange, which waits on
  // Google's token endpoint anyway, rather than at start by every gateway.
  const { importPKCS8, SignJWT } = await import('jose');
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(account.private_key, 'RS256');
  } catch (cause) {
    throw unusableKey('The service-account private_key is not a PKCS#8 RSA key', cause);
  }
  const issuedAt = Math.floor(nowMs / 1000);
  return new SignJWT({ scope: SCOPE })
    .setProtectedHeader({
      alg: 'RS256',
      typ: 'JWT',
      ...(account.private_key_id ? { kid: account.private_key_id } : {}),
    })
    .setIssuer(account.client_email)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_S)
    .sign(key);
}

async function requestToken(fetchImpl: typeof fetch, tokenUrl: string, assertion: string) {
  let response: Response;
  try {
    response = await fetchImpl(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    });
  } catch (cause) {
    throw new AdapterError(
      'upstream_connection_failed',
      'Could not reach the Google token endpoint',
      {
        cause,
      },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    // invalid_grant and friends come back as 400/401: the key (or its account) is unusable.
    throw createUpstreamError({
      status: response.status,
      headers: response.headers,
      message: `token exchange failed: ${text.slice(0, 300)}`,
      ...(response.status === 400 || response.status === 401
        ? { code: 'upstream_auth_failed' as const }
        : {}),
    });
  }
  return readTokenResponse(text);
}

function readTokenResponse(text: string): { token: string; expiresInS: number } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new AdapterError('upstream_bad_response', 'The token endpoint did not answer JSON', {
      cause,
    });
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof record.access_token !== 'string' || typeof record.expires_in !== 'number') {
    throw new AdapterError(
      'upstream_bad_response',
      'The token endpoint answer has no access_token',
    );
  }
  return { token: record.access_token, expiresInS: record.expires_in };
}
