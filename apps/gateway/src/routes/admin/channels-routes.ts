import { findProvider, requestOverridesSchema } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import { Hono } from 'hono';
import { z } from 'zod';
import { auditActionOf, auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { idParam, parseBody, parseQuery } from '../../http/parse-body';
import { gatewaySettingsOf, providerSettingsOf, toStoredConfig } from './channel-config';
import { openChannelKeys, sealChannelKeys, splitKeyInput } from './channel-keys';
import { checkBaseUrl } from './check-base-url';
import { toChannelView } from './views';

const channelFields = {
  type: z.string().refine((type) => findProvider(type) !== undefined, 'unknown provider type'),
  name: z.string().min(1).max(128),
  /** One key per line. */
  key: z.string().min(1).max(1_000_000),
  baseUrl: z.string().max(512).nullable(),
  models: z.array(z.string().min(1).max(191)).min(1).max(2000),
  modelMapping: z.record(z.string().min(1).max(191), z.string().min(1).max(191)).nullable(),
  groups: z.array(z.string().min(1).max(64)).min(1).max(100),
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  weight: z.number().int().min(0).max(100_000),
  /** The provider's settings, as its `configFields` (GET /api/providers) describe them. */
  config: z.record(z.string(), z.unknown()).nullable(),
  /** Headers and top-level body fields set or removed on every request to the channel. */
  overrides: requestOverridesSchema.nullable(),
  testModel: z.string().max(191).nullable(),
  tag: z.string().max(64).nullable(),
  /** Allow a base URL on a private network (a local model server). */
  allowPrivateNetwork: z.boolean(),
};
export const newChannel = z.strictObject({
  ...channelFields,
  baseUrl: channelFields.baseUrl.default(null),
  modelMapping: channelFields.modelMapping.default(null),
  groups: channelFields.groups.default(['default']),
  priority: channelFields.priority.default(0),
  weight: channelFields.weight.default(1),
  config: channelFields.config.default(null),
  overrides: channelFields.overrides.default(null),
  testModel: channelFields.testModel.default(null),
  tag: channelFields.tag.default(null),
  allowPrivateNetwork: channelFields.allowPrivateNetwork.default(false),
});
export const channelPatch = z
  .strictObject({
    ...Object.fromEntries(
      Object.entries(channelFields).map(([name, schema]) => [name, schema.optional()]),
    ),
    status: z.enum(['enabled', 'manually_disabled']).optional(),
  })
  .partial() as z.ZodType<
  Partial<z.infer<typeof newChannel>> & { status?: 'enabled' | 'manually_disabled' }
>;
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().optional(),
  search: z.string().max(128).optional(),
  type: z.string().max(32).optional(),
  tag: z.string().max(64).optional(),
  status: z.enum(['enabled', 'manually_disabled', 'auto_disabled']).optional(),
});
export const bulkChange = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(500),
  action: z.enum(['enable', 'disable', 'delete']),
});

/** Channels: CRUD with write-only keys, encrypted at rest, and base URLs checked when saved. */
export function createChannelsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { storage } = services;
  const { channels } = storage.repositories;
  const healthById = () =>
    new Map(services.router.healthSnapshot().map((health) => [health.channelId, health]));
  const view = (channel: Channel, health = healthById()) =>
    toChannelView(channel, readKeys(channel), health.get(channel.id));
  const readKeys = (channel: Channel) => {
    try {
      return openChannelKeys(services.cipher, channel.keyCiphertext);
    } catch {
      // A ciphertext that does not decrypt marks the channel broken; it must not break listing.
      return [];
    }
  };

  app.get('/channels', async (c) => {
    const page = await channels.list(parseQuery(c, listQuery));
    const health = healthById();
    return c.json({
      items: page.items.map((channel) => view(channel, health)),
      nextCursor: page.nextCursor,
    });
  });

  app.post('/channels', async (c) => {
    const { key, allowPrivateNetwork, baseUrl, config, overrides, ...body } = await parseBody(
      c,
      newChannel,
    );
    const keys = splitKeyInput(key);
    if (keys.length === 0)
      throw new GatewayError('invalid_request', 'key: at least one key is required', {
        param: 'key',
      });
    const storedConfig = toStoredConfig(body.type, config ?? {}, {
      allowPrivateNetwork,
      overrides,
    });
    const checkedBaseUrl =
      baseUrl === null
        ? null
        : await checkBaseUrl(baseUrl, allowPrivateNetwork, services.lookupHost);
    const channel = await storage.transaction(async (repositories) => {
      const created = await repositories.channels.create({
        ...body,
        baseUrl: checkedBaseUrl,
        config: storedConfig,
        keyCiphertext: sealChannelKeys(services.cipher, keys),
      });
      await recordAudit(repositories, auditActorOf(c), {
        action: 'create',
        entityType: 'channel',
        entityId: created.id,
        after: view(created),
      });
      return created;
    });
    await services.changes.publish('channels');
    return c.json(view(channel), 201);
  });

  app.get('/channels/:id', async (c) => {
    const channel = await channels.findById(idParam(c));
    if (!channel) throw new GatewayError('not_found', 'No such channel');
    return c.json(view(channel));
  });

  app.patch('/channels/:id', async (c) => {
    const id = idParam(c);
    const existing = await channels.findById(id);
    if (!existing) throw new GatewayError('not_found', 'No such channel');
    const body = await parseBody(c, channelPatch);
    const { key, allowPrivateNetwork, baseUrl, status, config, overrides, ...patch } = body;
    const saved = gatewaySettingsOf(existing.config);
    const allowPrivate = allowPrivateNetwork ?? saved.allowPrivateNetwork;
    // A new type is checked against the settings kept, new settings against the type kept.
    const rewritesConfig =
      config !== undefined ||
      patch.type !== undefined ||
      allowPrivateNetwork !== undefined ||
      overrides !== undefined;
    const nextConfig =
      rewritesConfig &&
      toStoredConfig(
        patch.type ?? existing.type,
        config === undefined ? providerSettingsOf(existing.config) : (config ?? {}),
        {
          allowPrivateNetwork: allowPrivate,
          overrides: overrides === undefined ? saved.overrides : overrides,
        },
      );
    const checkedBaseUrl =
      baseUrl === undefined || baseUrl === null
        ? baseUrl
        : await checkBaseUrl(baseUrl, allowPrivate, services.lookupHost);
    const changed = await storage.transaction(async (repositories) => {
      const updated = await repositories.channels.update(id, {
        ...patch,
        ...(checkedBaseUrl !== undefined && { baseUrl: checkedBaseUrl }),
        ...(nextConfig && { config: nextConfig }),
        ...(key !== undefined && {
          keyCiphertext: sealChannelKeys(services.cipher, splitKeyInput(key)),
        }),
      });
      // An admin's enable or disable is manual: the health checker never overrides it.
      if (status)
        await repositories.channels.setStatus(id, {
          to: status,
          reason: status === 'manually_disabled' ? 'disabled by an admin' : null,
        });
      const after = (await repositories.channels.findById(id)) ?? updated!;
      await recordAudit(repositories, auditActorOf(c), {
        action: auditActionOf(body),
        entityType: 'channel',
        entityId: id,
        before: view(existing),
        after: view(after),
      });
      return after;
    });
    await services.changes.publish('channels');
    return c.json(view(changed));
  });

  app.delete('/channels/:id', async (c) => {
    const id = idParam(c);
    const deleted = await storage.transaction(async (repositories) => {
      const existing = await repositories.channels.findById(id);
      if (!existing || !(await repositories.channels.delete(id))) return false;
      await recordAudit(repositories, auditActorOf(c), {
        action: 'delete',
        entityType: 'channel',
        entityId: id,
        before: view(existing),
      });
      return true;
    });
    if (!deleted) throw new GatewayError('not_found', 'No such channel');
    await services.changes.publish('channels');
    return c.body(null, 204);
  });

  // `affected` counts the channels that changed: enabling an enabled one changes nothing.
  app.post('/channels/bulk', async (c) => {
    const { ids, action } = await parseBody(c, bulkChange);
    const actor = auditActorOf(c);
    // Each channel's change and its audit entry commit together.
    const apply = (id: number) =>
      storage.transaction(async (repositories) => {
        const existing = await repositories.channels.findById(id);
        if (!existing) return false;
        const changed =
          action === 'delete'
            ? await repositories.channels.delete(id)
            : await repositories.channels.setStatus(
                id,
                action === 'enable'
                  ? { to: 'enabled', from: ['manually_disabled', 'auto_disabled'] }
                  : {
                      to: 'manually_disabled',
                      from: ['enabled', 'auto_disabled'],
                      reason: 'disabled by an admin',
                    },
              );
        if (!changed) return false;
        const after = action === 'delete' ? undefined : await repositories.channels.findById(id);
        await recordAudit(repositories, actor, {
          action,
          entityType: 'channel',
          entityId: id,
          before: view(existing),
          ...(after && { after: view(after) }),
        });
        return true;
      });
    let affected = 0;
    try {
      for (const id of new Set(ids)) if (await apply(id)) affected += 1;
    } finally {
      // Once for the whole batch, and also after a failure part-way: the rows before it changed.
      if (affected > 0) await services.changes.publish('channels');
    }
    return c.json({ affected });
  });

  return app;
}
