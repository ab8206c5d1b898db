import { Hono } from 'hono';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { systemSettingsOf, systemSettingsPatch } from '../../options/system-settings';

/**
 * The site settings: name, logo, notice, sign-up and what new accounts start with. Admins
 * read them, root changes them; they live in the options table and reach every instance
 * through the `options` change topic.
 */
export function createSettingsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const settings = systemSettingsOf(services);

  app.get('/settings', async (c) => c.json(await settings.read()));

  app.patch('/settings', async (c) => {
    const patch = await parseBody(c, systemSettingsPatch);
    // New accounts in a group without a ratio could not be billed, so no relay call would work.
    if (patch.defaultGroup !== undefined) {
      try {
        services.prices.groupRatioOf(patch.defaultGroup);
      } catch {
        throw new GatewayError(
          'invalid_request',
          `defaultGroup: the group ${patch.defaultGroup} has no ratio; set one under /api/prices/groups first`,
          { param: 'defaultGroup' },
        );
      }
    }
    const before = await settings.read();
    const after = await settings.update(patch);
    // Settings live in an options row written outside a transaction: the entry follows the
    // write (one row, whole or absent), and a failure here answers 500 with the change made.
    const changed = Object.keys(patch) as (keyof typeof patch)[];
    await recordAudit(services.storage.repositories, auditActorOf(c), {
      action: 'update',
      entityType: 'setting',
      entityId: changed.join(',').slice(0, 191),
      before: Object.fromEntries(changed.map((name) => [name, before[name]])),
      after: Object.fromEntries(changed.map((name) => [name, after[name]])),
    });
    return c.json(after);
  });

  return app;
}
