import type { SignInChallenge } from '@oneapi/storage';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { GatewayServices } from '../compose';
import { hashSecret, randomToken } from '../secrets/hash-secret';
import { isSecureRequest } from './complete-sign-in';

export const PENDING_SIGN_IN_COOKIE = 'oneapi_pending_sign_in';
/** Only the sign-in routes read it. */
const COOKIE_PATH = '/api/auth';
/** Time to open an authenticator app, not to leave a half-signed-in browser lying around. */
const PENDING_TTL_MS = 5 * 60_000;
/** Wrong codes one pending sign-in takes before it is gone and the first factor is asked again. */
export const MAX_PENDING_FAILURES = 5;

/**
 * A sign-in that passed its first factor and waits for its second: a database row (any
 * instance can finish it, and taking it is once only) named by a random id in an httpOnly
 * cookie. It is not a session: nothing but the second-factor routes accepts it.
 */
export async function startPendingSignIn(
  c: Context,
  services: GatewayServices,
  userId: number,
): Promise<void> {
  const id = randomToken(43);
  const { signInChallenges } = services.storage.repositories;
  await signInChallenges.deleteExpired();
  await signInChallenges.create({
    idHash: hashSecret(id),
    purpose: 'second_factor',
    userId,
    challenge: null,
    expiresAt: Date.now() + PENDING_TTL_MS,
  });
  setCookie(c, PENDING_SIGN_IN_COOKIE, id, {
    httpOnly: true,
    // Strict: only the dashboard's own requests carry it. It is set on an identity
    // provider's redirect back too, but read by the dashboard's fetches afterwards.
    sameSite: 'Strict',
    path: COOKIE_PATH,
    secure: isSecureRequest(c),
    maxAge: Math.floor(PENDING_TTL_MS / 1000),
  });
}

/** This browser's pending sign-in, if it has one that has not expired; it stays pending. */
export async function findPendingSignIn(
  c: Context,
  services: GatewayServices,
): Promise<SignInChallenge | undefined> {
  const id = getCookie(c, PENDING_SIGN_IN_COOKIE);
  if (!id) return undefined;
  return services.storage.repositories.signInChallenges.find(hashSecret(id), 'second_factor');
}

/** Counts a wrong second factor; the fifth ends the pending sign-in. */
export async function failPendingSignIn(
  c: Context,
  services: GatewayServices,
  pending: SignInChallenge,
): Promise<void> {
  const { signInChallenges } = services.storage.repositories;
  const failures = await signInChallenges.recordFailure(pending.idHash);
  if (failures >= MAX_PENDING_FAILURES) await endPendingSignIn(c, services, pending);
}

/**
 * Ends the pending sign-in for good and says whether this request was the one that ended
 * it: of two requests with the same right code, only one signs in.
 */
export async function takePendingSignIn(
  c: Context,
  services: GatewayServices,
  pending: SignInChallenge,
): Promise<boolean> {
  deleteCookie(c, PENDING_SIGN_IN_COOKIE, { path: COOKIE_PATH });
  const taken = await services.storage.repositories.signInChallenges.take(
    pending.idHash,
    'second_factor',
  );
  return taken !== undefined;
}

/** Ends the pending sign-in for good, as a wrong fifth code or "start over" does. */
export async function endPendingSignIn(
  c: Context,
  services: GatewayServices,
  pending: SignInChallenge,
): Promise<void> {
  deleteCookie(c, PENDING_SIGN_IN_COOKIE, { path: COOKIE_PATH });
  await services.storage.repositories.signInChallenges.delete(pending.idHash);
}
