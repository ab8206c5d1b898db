import type { Passkey, SignInChallengePurpose } from '@oneapi/storage';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import type { GatewayServices } from '../compose';
import { GatewayError } from '../http/gateway-error';
import {
  loadWebAuthnLibrary,
  relyingPartyOf,
  takeWebAuthnChallenge,
  type WebAuthnResponse,
} from './webauthn';

/**
 * Checks a passkey sign-in answer against its single-use challenge and the stored public
 * key and counter, and records the use. Returns the passkey; a 401 when it does not verify.
 * `userId`, when the user is already known (a second factor), must own the passkey.
 */
export async function verifyPasskeyAnswer(
  c: Context,
  services: GatewayServices,
  response: WebAuthnResponse,
  purpose: SignInChallengePurpose,
): Promise<Passkey> {
  const challenge = await takeWebAuthnChallenge(services, response, purpose);
  const { passkeys } = services.storage.repositories;
  const passkey = await passkeys.findByCredentialId(response.id);
  const refused = new GatewayError('unauthorized', 'This passkey is not registered here');
  if (!passkey) throw refused;
  if (challenge.userId !== null && challenge.userId !== passkey.userId) throw refused;
  const { rpID, origin } = relyingPartyOf(c, services);
  const { verifyAuthenticationResponse } = await loadWebAuthnLibrary();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey, 'base64url'),
        counter: passkey.counter,
        ...(passkey.transports && { transports: JSON.parse(passkey.transports) as string[] }),
      },
      // A passkey alone signs in, so it must have checked who holds it (PIN, biometrics).
      requireUserVerification: true,
    });
    if (!verification.verified) throw new Error('not verified');
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    // The library refuses a counter that did not grow: the mark of a cloned authenticator.
    services.logger.warn(
      { passkeyId: passkey.id, userId: passkey.userId, detail: String(error) },
      'passkey answer refused',
    );
    throw new GatewayError('unauthorized', 'The passkey’s answer did not verify');
  }
  if (!(await passkeys.recordUse(passkey.id, passkey.counter, newCounter)))
    throw new GatewayError('unauthorized', 'This passkey was used at the same moment elsewhere');
  return passkey;
}
