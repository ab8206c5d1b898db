import { isUniqueViolation, type Passkey } from '@oneapi/storage';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import { completeSignIn } from '../../auth/complete-sign-in';
import { verifyPasskeyAnswer } from '../../auth/verify-passkey';
import {
  loadWebAuthnLibrary,
  passkeyAnswer,
  relyingPartyOf,
  saveWebAuthnChallenge,
  takeWebAuthnChallenge,
  webAuthnResponse,
} from '../../auth/webauthn';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody } from '../../http/parse-body';
import { clientAddress } from '../../http/peer-address';
import { systemSettingsOf } from '../../options/system-settings';
import { toUserView } from './views';

export const newPasskey = z.strictObject({
  /** What the user calls it ("Work laptop"), to tell several apart. */
  name: z.string().trim().min(1).max(64),
  response: webAuthnResponse,
});
export const passkeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
});
export const passkeyList = z.object({ items: z.array(passkeyView) });

/** What the admin API shows of a passkey: never its key material. */
export function toPasskeyView(passkey: Passkey): z.infer<typeof passkeyView> {
  const { id, name, createdAt, lastUsedAt } = passkey;
  return { id, name, createdAt, lastUsedAt };
}

/**
 * Passkeys (WebAuthn): one's own, registered, listed and removed from the dashboard; and
 * the passwordless sign-in with one, whose discoverable credential names the user.
 */
export function createPasskeysRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { storage } = services;
  const { passkeys, users } = storage.repositories;
  const settings = systemSettingsOf(services);

  app.get('/user/self/passkeys', async (c) =>
    c.json({ items: (await passkeys.listForUser(c.get('user').id)).map(toPasskeyView) }),
  );

  app.post('/user/self/passkeys/options', async (c) => {
    const user = c.get('user');
    const { systemName } = await settings.read();
    const existing = await passkeys.listForUser(user.id);
    const { generateRegistrationOptions } = await loadWebAuthnLibrary();
    const options = await generateRegistrationOptions({
      rpName: systemName,
      rpID: relyingPartyOf(c, services).rpID,
      userName: user.username,
      userDisplayName: user.displayName,
      // The user handle a discoverable passkey gives back; the credential id is what we look up.
      userID: new TextEncoder().encode(String(user.id)),
      attestationType: 'none',
      // One passkey per authenticator: registering the same one twice is refused there.
      excludeCredentials: existing.map((key) => ({ id: key.credentialId })),
      // Resident (discoverable), so it can sign in without a username.
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await saveWebAuthnChallenge(services, 'passkey_registration', user.id, options.challenge);
    return c.json(options);
  });

  app.post('/user/self/passkeys', async (c) => {
    const { name, response } = await parseBody(c, newPasskey);
    const user = c.get('user');
    const challenge = await takeWebAuthnChallenge(services, response, 'passkey_registration');
    if (challenge.userId !== user.id)
      throw new GatewayError('invalid_request', 'This passkey answer is for another account');
    const { rpID, origin } = relyingPartyOf(c, services);
    const { verifyRegistrationResponse } = await loadWebAuthnLibrary();
    let credential: { id: string; publicKey: Uint8Array; counter: number; transports?: string[] };
    try {
      const verification = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
      });
      if (!verification.verified) throw new Error('not verified');
      credential = verification.registrationInfo.credential;
    } catch (error) {
      throw new GatewayError('invalid_request', `The passkey did not verify: ${String(error)}`);
    }
    if (credential.id.length > 255)
      throw new GatewayError('invalid_request', 'This authenticator’s credential id is too long');
    try {
      const created = await storage.transaction(async (repositories) => {
        const passkey = await repositories.passkeys.create({
          userId: user.id,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ? JSON.stringify(credential.transports) : null,
          name,
        });
        await recordAudit(repositories, auditActorOf(c), {
          action: 'create',
          entityType: 'passkey',
          entityId: passkey.id,
          after: { ...toPasskeyView(passkey), userId: user.id },
        });
        return passkey;
      });
      return c.json(toPasskeyView(created), 201);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new GatewayError('conflict', 'This passkey is already registered');
      throw error;
    }
  });

  app.delete('/user/self/passkeys/:id', async (c) => {
    const user = c.get('user');
    const id = idParam(c);
    const passkey = (await passkeys.listForUser(user.id)).find((key) => key.id === id);
    if (!passkey) throw new GatewayError('not_found', 'No such passkey');
    await storage.transaction(async (repositories) => {
      await repositories.passkeys.delete(user.id, id);
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'passkey',
        entityId: id,
        before: { ...toPasskeyView(passkey), userId: user.id },
      });
    });
    return c.body(null, 204);
  });

  // Passwordless: no username, so no allowed list; the browser offers the passkeys it holds.
  app.post('/auth/passkey/options', async (c) => {
    const { generateAuthenticationOptions } = await loadWebAuthnLibrary();
    const options = await generateAuthenticationOptions({
      rpID: relyingPartyOf(c, services).rpID,
      userVerification: 'required',
    });
    await saveWebAuthnChallenge(services, 'passkey_sign_in', null, options.challenge);
    return c.json(options);
  });

  // A verified passkey is two factors at once (the device, and the PIN or biometrics that
  // unlocked it), so it starts the session without asking for another.
  app.post('/auth/passkey', async (c) => {
    const { response } = await parseBody(c, passkeyAnswer);
    const passkey = await verifyPasskeyAnswer(c, services, response, 'passkey_sign_in');
    const user = await users.findById(passkey.userId);
    if (user?.status !== 'enabled')
      throw new GatewayError('unauthorized', 'This account cannot sign in');
    const csrfToken = await completeSignIn(c, services, user);
    services.logger.info(
      { userId: user.id, method: 'passkey', clientIp: clientAddress(c) },
      'signed in with a passkey',
    );
    return c.json({ user: toUserView(user), csrfToken });
  });

  return app;
}
