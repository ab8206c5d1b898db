import { Hono } from 'hono';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import { createRecoveryCodes, hashRecoveryCode } from '../../auth/recovery-codes';
import { createTotpSecret, matchTotpStep, totpUriOf } from '../../auth/totp';
import { verifyTotpCode } from '../../auth/verify-totp-code';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody } from '../../http/parse-body';
import { systemSettingsOf } from '../../options/system-settings';
import { verifyPassword } from '../../secrets/passwords';
import { satisfiesRole } from './admin-policy';
import { createLoginThrottle } from './login-throttle';

export const totpConfirm = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});
/** Either proves the account holder is at the keyboard. */
export const totpDisable = z.union([
  z.strictObject({ code: z.string().trim().min(6).max(32) }),
  z.strictObject({ password: z.string().min(1).max(256) }),
]);
export const totpStatus = z.object({
  enabled: z.boolean(),
  /** An enrolment started and not yet confirmed. */
  pending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export const totpEnrolment = z.object({
  /** base32, for typing into an authenticator app; shown this once. */
  secret: z.string(),
  /** otpauth:// URI with the same secret, for a QR code. */
  uri: z.string(),
});
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * Two-factor sign-in with an authenticator app (TOTP): one's own enrolment, confirmed with a
 * first code, its recovery codes and its removal; and an admin's reset of someone's second
 * factors (a lost phone). Secrets are encrypted at rest and shown only at enrolment.
 */
export function createTotpRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { storage } = services;
  const { totpFactors, users } = storage.repositories;
  const settings = systemSettingsOf(services);
  // Guessing a confirm or disable code from a stolen session: 5 tries per 15 minutes.
  const throttle = createLoginThrottle();

  app.get('/user/self/totp', async (c) => {
    const userId = c.get('user').id;
    const factor = await totpFactors.find(userId);
    const enabled = factor?.confirmedAt != null;
    return c.json({
      enabled,
      pending: factor !== undefined && !enabled,
      recoveryCodesLeft: enabled ? await totpFactors.countUnusedRecoveryCodes(userId) : 0,
    });
  });

  app.post('/user/self/totp', async (c) => {
    const user = c.get('user');
    const secret = createTotpSecret();
    if (!(await totpFactors.startEnrolment(user.id, services.cipher.encrypt(secret))))
      throw new GatewayError('conflict', 'Two-factor sign-in is already on; turn it off first');
    const { systemName } = await settings.read();
    return c.json({ secret, uri: totpUriOf(secret, systemName, user.username) }, 201);
  });

  app.post('/user/self/totp/confirm', async (c) => {
    const { code } = await parseBody(c, totpConfirm);
    const user = c.get('user');
    const key = `confirm|${user.id}`;
    throttle.check(key);
    const factor = await totpFactors.find(user.id);
    if (!factor || factor.confirmedAt !== null)
      throw new GatewayError('conflict', 'No enrolment is waiting for confirmation');
    const step = matchTotpStep(services.cipher.decrypt(factor.secret), code);
    if (step === undefined) {
      throttle.fail(key);
      throw new GatewayError('invalid_request', 'Wrong code; check the authenticator’s clock', {
        param: 'code',
      });
    }
    throttle.succeed(key);
    const codes = createRecoveryCodes();
    const confirmed = await storage.transaction(async (repositories) => {
      if (!(await repositories.totpFactors.confirm(user.id, step, codes.map(hashRecoveryCode))))
        return false;
      await recordAudit(repositories, auditActorOf(c), {
        action: 'create',
        entityType: 'two_factor',
        entityId: user.id,
        after: { userId: user.id, method: 'totp', recoveryCodes: codes.length },
      });
      return true;
    });
    if (!confirmed) throw new GatewayError('conflict', 'No enrolment is waiting for confirmation');
    // Shown once: only their hashes are kept.
    return c.json({ recoveryCodes: codes });
  });

  app.post('/user/self/totp/disable', async (c) => {
    const body = await parseBody(c, totpDisable);
    const user = c.get('user');
    const key = `disable|${user.id}`;
    throttle.check(key);
    const factor = await totpFactors.find(user.id);
    if (factor?.confirmedAt == null)
      throw new GatewayError('conflict', 'Two-factor sign-in is not on');
    const proven =
      'code' in body
        ? (await verifyTotpCode(services, user.id, body.code)) !== undefined
        : user.passwordHash !== null && (await verifyPassword(body.password, user.passwordHash));
    if (!proven) {
      throttle.fail(key);
      throw new GatewayError('invalid_request', 'Wrong code or password', {
        param: 'code' in body ? 'code' : 'password',
      });
    }
    throttle.succeed(key);
    await storage.transaction(async (repositories) => {
      await repositories.totpFactors.delete(user.id);
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'two_factor',
        entityId: user.id,
        before: { userId: user.id, method: 'totp' },
      });
    });
    return c.body(null, 204);
  });

  // For a user who lost their authenticator: every second factor goes, passkeys included,
  // and they sign in with their first factor alone until they enrol again.
  app.delete('/users/:id/second-factors', async (c) => {
    const actor = c.get('user');
    const target = await users.findById(idParam(c));
    if (!target) throw new GatewayError('not_found', 'No such user');
    if (actor.role !== 'root' && satisfiesRole(target.role, 'admin'))
      throw new GatewayError('forbidden', 'Only root can manage admins');
    await storage.transaction(async (repositories) => {
      const totp = await repositories.totpFactors.delete(target.id);
      const passkeys = await repositories.passkeys.deleteForUser(target.id);
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'two_factor',
        entityId: target.id,
        before: { userId: target.id, totp, passkeys },
      });
    });
    return c.body(null, 204);
  });

  return app;
}
