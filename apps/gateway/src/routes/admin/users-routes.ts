import { topUp } from '@oneapi/ledger';
import { isUniqueViolation } from '@oneapi/storage';
import { Hono } from 'hono';
import { z } from 'zod';
import { checkQuotaAlertLater } from '../../alerts/quota-alert';
import { auditActionOf, auditActorOf, recordAudit } from '../../audit/audit-trail';
import { auditedTopUpStore } from '../../audit/audited-ledger-store';
import { changesEmail } from '../../auth/email-links';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody, parseQuery } from '../../http/parse-body';
import { systemSettingsOf } from '../../options/system-settings';
import { hashPassword } from '../../secrets/passwords';
import { satisfiesRole } from './admin-policy';
import { toUserView } from './views';

const role = z.enum(['user', 'admin', 'root']);
export const newUser = z.strictObject({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,64}$/, 'must be 3-64 letters, digits, _ . or -'),
  password: z.string().min(8).max(256),
  displayName: z.string().min(1).max(128).optional(),
  email: z.email().max(255).optional(),
  role: role.default('user'),
  /** Default: the `defaultGroup` setting. */
  groupName: z.string().min(1).max(64).optional(),
});
export const userPatch = z.strictObject({
  displayName: z.string().min(1).max(128).optional(),
  email: z.email().max(255).nullable().optional(),
  role: role.optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  groupName: z.string().min(1).max(64).optional(),
  password: z.string().min(8).max(256).optional(),
});
export const quotaChange = z.strictObject({
  /** Signed quota: positive adds, negative takes back (never below zero). */
  amount: z
    .number()
    .int()
    .min(-Number.MAX_SAFE_INTEGER)
    .max(Number.MAX_SAFE_INTEGER)
    .refine((n) => n !== 0, 'must not be 0'),
  /** The same key twice changes the quota once; reuse it when retrying. */
  idempotencyKey: z.string().min(8).max(128),
  reason: z.string().min(1).max(512),
});
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().optional(),
  search: z.string().max(128).optional(),
});

/** Admin management of users. Nobody can grant or act on a role above their own. */
export function createUsersRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { storage } = services;
  const { users } = storage.repositories;
  const settings = systemSettingsOf(services);

  const findManageable = async (actorRole: Parameters<typeof satisfiesRole>[0], id: number) => {
    const target = await users.findById(id);
    if (!target) throw new GatewayError('not_found', 'No such user');
    // An admin may not touch root or another admin; root may touch anyone.
    if (actorRole !== 'root' && satisfiesRole(target.role, 'admin')) {
      throw new GatewayError('forbidden', 'Only root can manage admins');
    }
    return target;
  };

  app.get('/users', async (c) => {
    const query = parseQuery(c, listQuery);
    const page = await users.list(query);
    return c.json({ items: page.items.map(toUserView), nextCursor: page.nextCursor });
  });

  app.post('/users', async (c) => {
    const body = await parseBody(c, newUser);
    if (body.role !== 'user' && c.get('user').role !== 'root') {
      throw new GatewayError('forbidden', 'Only root can create admins', { param: 'role' });
    }
    // New accounts start as the settings say; quota changes after that go through /quota.
    const defaults = await settings.read();
    try {
      const passwordHash = await hashPassword(body.password);
      const user = await storage.transaction(async (repositories) => {
        const created = await repositories.users.create({
          username: body.username,
          displayName: body.displayName ?? body.username,
          email: body.email ?? null,
          role: body.role,
          status: 'enabled',
          groupName: body.groupName ?? defaults.defaultGroup,
          passwordHash,
          quota: defaults.newUserQuota,
        });
        await recordAudit(repositories, auditActorOf(c), {
          action: 'create',
          entityType: 'user',
          entityId: created.id,
          after: toUserView(created),
        });
        return created;
      });
      return c.json(toUserView(user), 201);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new GatewayError('conflict', 'That username is taken', { param: 'username' });
      throw error;
    }
  });

  app.get('/users/:id', async (c) => {
    const user = await findManageable(c.get('user').role, idParam(c));
    return c.json(toUserView(user));
  });

  app.patch('/users/:id', async (c) => {
    const actor = c.get('user');
    const target = await findManageable(actor.role, idParam(c));
    const body = await parseBody(c, userPatch);
    const { password, ...patch } = body;
    // Locking oneself out is never what was meant, and the last root would leave no way back.
    if (target.id === actor.id) {
      if (patch.role !== undefined && patch.role !== actor.role)
        throw new GatewayError('forbidden', 'You cannot change your own role', { param: 'role' });
      if (patch.status === 'disabled')
        throw new GatewayError('forbidden', 'You cannot disable yourself', { param: 'status' });
    }
    if (patch.role && patch.role !== 'user' && actor.role !== 'root') {
      throw new GatewayError('forbidden', 'Only root can grant admin roles', { param: 'role' });
    }
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const updated = await storage.transaction(async (repositories) => {
      await repositories.users.update(target.id, {
        ...patch,
        ...(passwordHash !== undefined && { passwordHash }),
        // An address an admin types in is not proved: the user verifies it by mail.
        ...(changesEmail(target.email, patch.email) && { emailVerifiedAt: null }),
      });
      if (password !== undefined || patch.status === 'disabled')
        await repositories.sessions.deleteForUser(target.id);
      const after = (await repositories.users.findById(target.id))!;
      // The views say whether there is a password, never its hash: a change shows as the
      // updatedAt moving, and the request's own `password` field is never recorded.
      await recordAudit(repositories, auditActorOf(c), {
        action: auditActionOf(body),
        entityType: 'user',
        entityId: target.id,
        before: toUserView(target),
        after: toUserView(after),
      });
      return after;
    });
    return c.json(toUserView(updated));
  });

  app.post('/users/:id/quota', async (c) => {
    const actor = c.get('user');
    const target = await findManageable(actor.role, idParam(c));
    const body = await parseBody(c, quotaChange);
    const result = await topUp(auditedTopUpStore(storage, auditActorOf(c)), {
      ...body,
      userId: target.id,
      actorId: actor.id,
    });
    const user = (await users.findById(target.id))!;
    // A top-up to the threshold or above re-arms the quota reminder.
    checkQuotaAlertLater(services, target.id);
    return c.json(
      { applied: result.applied, adjustmentId: result.adjustmentId, quota: user.quota },
      result.applied ? 201 : 200,
    );
  });

  app.delete('/users/:id', async (c) => {
    const actor = c.get('user');
    const target = await findManageable(actor.role, idParam(c));
    if (target.id === actor.id) throw new GatewayError('forbidden', 'You cannot delete yourself');
    await storage.transaction(async (repositories) => {
      if (!(await repositories.users.delete(target.id))) return;
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'user',
        entityId: target.id,
        before: toUserView(target),
      });
    });
    return c.body(null, 204);
  });

  return app;
}
