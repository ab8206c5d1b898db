import type { User } from '@oneapi/storage';
import type { Context } from 'hono';
import type { GatewayServices } from '../compose';
import { completeSignIn } from './complete-sign-in';
import { startPendingSignIn } from './pending-sign-in';

export type SecondFactorMethod = 'totp' | 'passkey';

/** What a user can prove a second factor with: a confirmed authenticator, passkeys. */
export async function secondFactorsOf(
  services: GatewayServices,
  userId: number,
): Promise<SecondFactorMethod[]> {
  const { totpFactors, passkeys } = services.storage.repositories;
  const [totp, keys] = await Promise.all([totpFactors.find(userId), passkeys.listForUser(userId)]);
  const methods: SecondFactorMethod[] = [];
  if (totp?.confirmedAt != null) methods.push('totp');
  if (keys.length > 0) methods.push('passkey');
  return methods;
}

export type SignInOutcome =
  | { readonly kind: 'signed_in'; readonly csrfToken: string }
  | { readonly kind: 'second_factor'; readonly methods: SecondFactorMethod[] };

/**
 * Where every first factor (password, identity provider) ends: a session at once for a
 * user without second factors, else a pending sign-in that the second factor completes.
 */
export async function beginSignIn(
  c: Context,
  services: GatewayServices,
  user: User,
): Promise<SignInOutcome> {
  const methods = await secondFactorsOf(services, user.id);
  if (methods.length === 0)
    return { kind: 'signed_in', csrfToken: await completeSignIn(c, services, user) };
  await startPendingSignIn(c, services, user.id);
  return { kind: 'second_factor', methods };
}
