import type { PriceTable } from '@oneapi/ledger';
import { type Context, Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';

/**
 * GET /v1/models and /v1/models/:id: exactly the models a request of this key would be
 * accepted for: the key may use it, a channel of its group serves it, and it has a price
 * (the ledger refuses to reserve for an unpriced model, so listing one would only invite a
 * 400).
 */
export function createModelsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const listAccepted = (c: Context<AppEnv>) => listAcceptedModels(services, c);
  const toModel = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'oneapi' });

  app.get('/models', async (c) => c.json({ object: 'list', data: listAccepted(c).map(toModel) }));

  app.get('/models/:id{.+}', async (c) => {
    const id = c.req.param('id');
    if (!listAccepted(c).includes(id)) {
      throw new GatewayError('model_not_found', `The model ${id} does not exist`, {
        param: 'model',
      });
    }
    return c.json(toModel(id));
  });

  return app;
}

/**
 * The models the caller's key would be accepted for. From the channels in memory (reloaded
 * on every change): no database read per call.
 */
export function listAcceptedModels(services: GatewayServices, c: Context<AppEnv>): string[] {
  const token = c.get('token');
  const group = token.groupName ?? c.get('tokenOwner').groupName;
  const allowed = token.allowedModels;
  return services.channelSource
    .modelsFor(group)
    .filter((model) => (!allowed || allowed.includes(model)) && isPriced(services.prices, model));
}

/** Whether the ledger can price `model` (its own table, or a configured fallback price). */
function isPriced(prices: PriceTable, model: string): boolean {
  try {
    prices.priceOf(model);
    return true;
  } catch {
    return false;
  }
}
