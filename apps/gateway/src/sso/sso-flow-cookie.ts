import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { isSecureRequest } from '../auth/complete-sign-in';
import type { KeyCipher } from '../secrets/key-cipher';

export const SSO_FLOW_COOKIE = 'oneapi_sso_flow';
/** Only the callback reads it. */
const COOKIE_PATH = '/api/auth/sso';
/** Long enough to sign in at the provider, short enough that a leaked cookie soon expires. */
const FLOW_TTL_MS = 10 * 60_000;

const flowSchema = z.object({
  provider: z.enum(['oidc', 'github']),
  state: z.string(),
  /** OIDC only: the nonce the ID token must carry and the PKCE verifier. */
  nonce: z.string().optional(),
  codeVerifier: z.string().optional(),
  expiresAt: z.number(),
});

export type SsoFlow = Omit<z.infer<typeof flowSchema>, 'expiresAt'>;

/**
 * Keeps one sign-in attempt's state, nonce and PKCE verifier in the browser between the
 * redirect to the provider and the callback, so any instance can finish it. The cookie is
 * sealed with the channel-key cipher (AES-GCM): the browser can neither read nor forge it.
 */
export function saveSsoFlow(c: Context, cipher: KeyCipher, flow: SsoFlow): void {
  const expiresAt = Date.now() + FLOW_TTL_MS;
  setCookie(c, SSO_FLOW_COOKIE, cipher.encrypt(JSON.stringify({ ...flow, expiresAt })), {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level cross-site GET, which Lax lets through.
    sameSite: 'Lax',
    path: COOKIE_PATH,
    secure: isSecureRequest(c),
    maxAge: Math.floor(FLOW_TTL_MS / 1000),
  });
}

/** The attempt this browser started, once: the cookie is cleared whatever it held. */
export function takeSsoFlow(c: Context, cipher: KeyCipher): SsoFlow | undefined {
  const sealed = getCookie(c, SSO_FLOW_COOKIE);
  if (sealed === undefined) return undefined;
  deleteCookie(c, SSO_FLOW_COOKIE, { path: COOKIE_PATH });
  try {
    const flow = flowSchema.parse(JSON.parse(cipher.decrypt(sealed)));
    if (flow.expiresAt < Date.now()) return undefined;
    const { expiresAt: _expiresAt, ...rest } = flow;
    return rest;
  } catch {
    return undefined;
  }
}
