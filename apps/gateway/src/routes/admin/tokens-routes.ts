import type { Token, User } from '@oneapi/storage';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditActionOf, auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody, parseQuery } from '../../http/parse-body';
import { generateApiKey, hashSecret, keyPrefixOf } from '../../secrets/hash-secret';
import { isValidIpRule } from '../relay/client-ip';
import { satisfiesRole } from './admin-policy';
import { toTokenView } from './views';

const tokenFields = {
  name: z.string().min(1).max(128),
  expiresAt: z.number().int().positive().nullable(),
  remainQuota: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  unlimitedQuota: z.boolean(),
  allowedModels: z.array(z.string().min(1).max(191)).max(1000).nullable(),
  allowedIps: z
    .array(z.string().refine(isValidIpRule, 'must be an IP address or CIDR range'))
    .max(1000)
    .nullable(),
  groupName: z.string().min(1).max(64).nullable(),
};
export const newToken = z.strictObject({
  ...tokenFields,
  expiresAt: tokenFields.expiresAt.default(null),
  remainQuota: tokenFields.remainQuota.default(0),
  unlimitedQuota: tokenFields.unlimitedQuota.default(false),
  allowedModels: tokenFields.allowedModels.default(null),
  allowedIps: tokenFields.allowedIps.default(null),
  groupName: tokenFields.groupName.default(null),
  /** Admins may create a key for someone else (root for anyone; admins for plain users). */
  userId: z.number().int().positive().optional(),
});
export const tokenPatch = z.strictObject({
  ...Object.fromEntries(
    Object.entries(tokenFields).map(([key, schema]) => [key, schema.optional()]),
  ),
  status: z.enum(['enabled', 'disabled']).optional(),
}) as z.ZodType<Partial<z.infer<typeof newToken>> & { status?: 'enabled' | 'disabled' }>;
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().optional(),
  search: z.string().max(128).optional(),
  userId: z.coerce.number().int().positive().optional(),
});

/**
 * An edit that removes the reason a key stopped (a later expiry for an expired key, quota
 * for an exhausted one) brings it back, unless the edit sets the status itself: otherwise
 * "extend this key" would save and the key would still be refused.
 */
function revivedStatus(
  token: Token,
  patch: z.infer<typeof tokenPatch>,
  now = Date.now(),
): { status?: 'enabled' } {
  if (patch.status !== undefined) return {};
  const expiresAt = patch.expiresAt === undefined ? token.expiresAt : patch.expiresAt;
  const unexpired = expiresAt === null || expiresAt > now;
  const unlimited = patch.unlimitedQuota ?? token.unlimitedQuota;
  const funded = unlimited || (patch.remainQuota ?? token.remainQuota) > 0;
  if (token.status === 'expired' && patch.expiresAt !== undefined && unexpired && funded)
    return { status: 'enabled' };
  if (
    token.status === 'exhausted' &&
    (patch.remainQuota !== undefined || patch.unlimitedQuota !== undefined) &&
    funded &&
    unexpired
  )
    return { status: 'enabled' };
  return {};
}

/** API keys: users manage their own; admins may see and manage anyone's. */
export function createTokensRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { storage } = services;
  const { tokens } = storage.repositories;

  const findOwned = async (user: User, id: number) => {
    const token = await tokens.findById(id);
    // Someone else's key looks exactly like a missing one.
    if (!token || (token.userId !== user.id && !satisfiesRole(user.role, 'admin'))) {
      throw new GatewayError('not_found', 'No such token');
    }
    return token;
  };

  app.get('/tokens', async (c) => {
    const query = parseQuery(c, listQuery);
    const user = c.get('user');
    const userId = satisfiesRole(user.role, 'admin') ? query.userId : user.id;
    const page = await tokens.list({ ...query, ...(userId !== undefined && { userId }) });
    return c.json({ items: page.items.map(toTokenView), nextCursor: page.nextCursor });
  });

  app.post('/tokens', async (c) => {
    const { userId, ...body } = await parseBody(c, newToken);
    const owner = await ownerOfNewKey(c.get('user'), userId);
    const key = generateApiKey();
    const token = await storage.transaction(async (repositories) => {
      const created = await repositories.tokens.create({
        ...body,
        userId: owner.id,
        keyHash: hashSecret(key),
        keyPrefix: keyPrefixOf(key),
      });
      await recordAudit(repositories, auditActorOf(c), {
        action: 'create',
        entityType: 'token',
        entityId: created.id,
        after: toTokenView(created),
      });
      return created;
    });
    // The key is shown this once; only its hash is stored.
    return c.json({ ...toTokenView(token), key }, 201);
  });

  const ownerOfNewKey = async (caller: User, userId: number | undefined): Promise<User> => {
    if (userId === undefined || userId === caller.id) return caller;
    const owner = satisfiesRole(caller.role, 'admin')
      ? await services.storage.repositories.users.findById(userId)
      : undefined;
    // Someone a caller may not manage looks exactly like someone who does not exist.
    const manageable = owner && (caller.role === 'root' || !satisfiesRole(owner.role, 'admin'));
    if (!owner || !manageable)
      throw new GatewayError('not_found', 'No such user', { param: 'userId' });
    return owner;
  };

  app.patch('/tokens/:id', async (c) => {
    const token = await findOwned(c.get('user'), idParam(c));
    const patch = await parseBody(c, tokenPatch);
    const updated = await storage.transaction(async (repositories) => {
      await repositories.tokens.update(token.id, { ...patch, ...revivedStatus(token, patch) });
      const after = (await repositories.tokens.findById(token.id))!;
      await recordAudit(repositories, auditActorOf(c), {
        action: auditActionOf(patch),
        entityType: 'token',
        entityId: token.id,
        before: toTokenView(token),
        after: toTokenView(after),
      });
      return after;
    });
    return c.json(toTokenView(updated));
  });

  app.delete('/tokens/:id', async (c) => {
    const token = await findOwned(c.get('user'), idParam(c));
    await storage.transaction(async (repositories) => {
      if (!(await repositories.tokens.delete(token.id))) return;
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'token',
        entityId: token.id,
        before: toTokenView(token),
      });
    });
    return c.body(null, 204);
  });

  return app;
}
