import type { Identity } from '@oneapi/storage';
import { Hono } from 'hono';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam } from '../../http/parse-body';

/** What the admin API shows of a linked sign-in. */
export function toIdentityView(identity: Identity) {
  const { id, provider, subject, email, createdAt } = identity;
  return { id, provider, subject, email, createdAt };
}

/**
 * The accounts at identity providers linked to a user: one's own (to see and unlink) and,
 * for admins, anyone's.
 */
export function createIdentitiesRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { identities, users } = services.storage.repositories;

  app.get('/user/self/identities', async (c) =>
    c.json({ items: (await identities.listForUser(c.get('user').id)).map(toIdentityView) }),
  );

  app.delete('/user/self/identities/:id', async (c) => {
    const user = c.get('user');
    const id = idParam(c);
    const linked = await identities.listForUser(user.id);
    const identity = linked.find((entry) => entry.id === id);
    if (!identity) throw new GatewayError('not_found', 'No such linked sign-in');
    // An account made through SSO has no password: its last link is its only way in.
    if (user.passwordHash === null && linked.length === 1)
      throw new GatewayError(
        'conflict',
        'This is your only way to sign in; set a password first, then unlink it',
      );
    await services.storage.transaction(async (repositories) => {
      await repositories.identities.delete(user.id, id);
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'identity',
        entityId: id,
        before: { ...toIdentityView(identity), userId: user.id },
      });
    });
    return c.body(null, 204);
  });

  app.get('/users/:id/identities', async (c) => {
    const user = await users.findById(idParam(c));
    if (!user) throw new GatewayError('not_found', 'No such user');
    return c.json({ items: (await identities.listForUser(user.id)).map(toIdentityView) });
  });

  return app;
}
