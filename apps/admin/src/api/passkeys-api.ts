import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { request } from './request';
import { signedInAs } from './two-factor-api';
import type { User } from './types';

/** The admin API's own shapes, generated from the gateway's OpenAPI document (admin-api.gen.ts). */
type Operations = import('./admin-api.gen').operations;

/** One of one's passkeys, as the list shows it: never its key. */
export type PasskeyView =
  Operations['getApiUserSelfPasskeys']['responses'][200]['content']['application/json']['items'][number];

export const listPasskeys = async () =>
  (await request<{ items: PasskeyView[] }>('GET', '/api/user/self/passkeys')).items;

/** Asks the browser's authenticator for a new passkey and registers it under `name`. */
export async function addPasskey(name: string): Promise<PasskeyView> {
  const optionsJSON = await request<PublicKeyCredentialCreationOptionsJSON>(
    'POST',
    '/api/user/self/passkeys/options',
  );
  const response = await startRegistration({ optionsJSON });
  return request<PasskeyView>('POST', '/api/user/self/passkeys', { name, response });
}

export const deletePasskey = (id: number) =>
  request<void>('DELETE', `/api/user/self/passkeys/${id}`);

/**
 * Signs in with a passkey: passwordless (the browser offers the passkeys it holds for this
 * site), or as the second step of a pending sign-in.
 */
export async function signInWithPasskey(step: 'passwordless' | 'second-factor'): Promise<User> {
  const path = step === 'passwordless' ? '/api/auth/passkey' : '/api/auth/second-factor/passkey';
  const optionsJSON = await request<PublicKeyCredentialRequestOptionsJSON>(
    'POST',
    `${path}/options`,
  );
  const response = await startAuthentication({ optionsJSON });
  return signedInAs(await request<{ user: User; csrfToken: string }>('POST', path, { response }));
}
