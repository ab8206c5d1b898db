import { type Context, Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';

/** GET /v1/models and /v1/models/:id: only what this key and its group may use. */
export function createModelsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // From the channels in memory (reloaded on every change): no database read per call.
  const listAllowed = (c: Context<AppEnv>) => {
    const token = c.get('token');
    const group = token.groupName ?? c.get('tokenOwner').groupName;
    const models = services.channelSource.modelsFor(group);
    return token.allowedModels
      ? models.filter((model) => token.allowedModels!.includes(model))
      : models;
  };
  const toModel = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'oneapi' });

  app.get('/models', async (c) => c.json({ object: 'list', data: listAllowed(c).map(toModel) }));

  app.get('/models/:id{.+}', async (c) => {
    const id = c.req.param('id');
    if (!listAllowed(c).includes(id)) {
      throw new GatewayError('not_found', `The model ${id} does not exist`, { param: 'model' });
    }
    return c.json(toModel(id));
  });

  return app;
}
