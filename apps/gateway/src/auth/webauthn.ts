import type { SignInChallenge, SignInChallengePurpose } from '@oneapi/storage';
import type { Context } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../compose';
import { GatewayError } from '../http/gateway-error';
import { hashSecret } from '../secrets/hash-secret';
import { publicBaseUrl } from '../sso/redirect-uris';

/**
 * @simplewebauthn/server, imported at the first passkey request rather than at start: with
 * its ASN.1 and X.509 dependencies it is some 5 MiB of heap that no relay request uses.
 */
export const loadWebAuthnLibrary = () => import('@simplewebauthn/server');

/** Long enough to touch an authenticator, short enough that a stray challenge soon dies. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The WebAuthn relying party: the host browsers reach the dashboard at (PUBLIC_URL, else
 * this request's), since a passkey is bound to the host it was made on.
 */
export function relyingPartyOf(c: Context, services: GatewayServices) {
  const base = new URL(publicBaseUrl(c, services.config));
  return { rpID: base.hostname, origin: base.origin };
}

/**
 * A browser's answer to a WebAuthn ceremony, checked for shape only: the library verifies
 * the signatures. Base64url fields throughout, as @simplewebauthn/browser sends them.
 */
export const webAuthnResponse = z.object({
  id: z.string().min(1).max(1400),
  rawId: z.string().min(1).max(1400),
  type: z.literal('public-key'),
  response: z
    .object({
      clientDataJSON: z.string().min(1).max(8192),
      attestationObject: z.string().max(65_536).optional(),
      authenticatorData: z.string().max(65_536).optional(),
      signature: z.string().max(8192).optional(),
      userHandle: z.string().max(1024).optional(),
      transports: z.array(z.string().max(32)).max(10).optional(),
    })
    .loose(),
  authenticatorAttachment: z.string().max(32).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});
export type WebAuthnResponse = z.infer<typeof webAuthnResponse>;

/** The body of a passkey sign-in: the browser's answer to the challenge. */
export const passkeyAnswer = z.strictObject({ response: webAuthnResponse });

/** Keeps a challenge just issued for `purpose` (and `userId`, when the user is known). */
export async function saveWebAuthnChallenge(
  services: GatewayServices,
  purpose: SignInChallengePurpose,
  userId: number | null,
  challenge: string,
): Promise<void> {
  const { signInChallenges } = services.storage.repositories;
  await signInChallenges.deleteExpired();
  // Named by the challenge itself: the answer carries it back in clientDataJSON.
  await signInChallenges.create({
    idHash: hashSecret(challenge),
    purpose,
    userId,
    challenge,
    expiresAt: Date.now() + CHALLENGE_TTL_MS,
  });
}

/**
 * The challenge an answer was made for, taken so it cannot be answered twice; a 400 when
 * there is none (never issued, expired, used, or for another purpose).
 */
export async function takeWebAuthnChallenge(
  services: GatewayServices,
  response: WebAuthnResponse,
  purpose: SignInChallengePurpose,
): Promise<SignInChallenge & { challenge: string }> {
  const challenge = challengeOf(response);
  const taken =
    challenge === undefined
      ? undefined
      : await services.storage.repositories.signInChallenges.take(hashSecret(challenge), purpose);
  if (!taken?.challenge)
    throw new GatewayError(
      'invalid_request',
      'This passkey answer is for no open challenge (expired or already used); try again',
    );
  return { ...taken, challenge: taken.challenge };
}

function challengeOf(response: WebAuthnResponse): string | undefined {
  try {
    const clientData = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
    ) as { challenge?: unknown };
    return typeof clientData.challenge === 'string' ? clientData.challenge : undefined;
  } catch {
    return undefined;
  }
}
