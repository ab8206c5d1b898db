import { DEFAULT_PRICES_AS_OF, isLedgerError } from '@oneapi/ledger';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import {
  createPriceOverrideStore,
  DEFAULT_PRICES,
  groupRatioSchema,
  modelPriceSchema,
  type PriceSet,
} from '../../options/price-overrides';

export const groupRatio = z.strictObject({ ratio: groupRatioSchema });

/**
 * The ledger's prices: every model price and group ratio in effect, and which of them an
 * admin overrode. Root edits them; edits are kept in the options table and reach every
 * instance through the `options` change topic.
 */
export function createPricesRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const store = createPriceOverrideStore(services.storage.repositories.options);
  const modelView = (model: string, overrides: PriceSet) => ({
    model,
    price: services.prices.listModelPrices()[model] ?? null,
    overridden: Object.hasOwn(overrides.models, model),
    default: DEFAULT_PRICES.models[model] ?? null,
  });
  const groupView = (group: string, overrides: PriceSet) => ({
    group,
    ratio: ratioOf(group),
    overridden: Object.hasOwn(overrides.groups, group),
    default: DEFAULT_PRICES.groups[group] ?? null,
  });
  const ratioOf = (group: string) => {
    try {
      return services.prices.groupRatioOf(group);
    } catch {
      return null;
    }
  };
  // Writes reach this table through the change topic, as they reach the other instances.
  const applied = () => services.changes.publish('options');

  app.get('/prices', async (c) => {
    const overrides = await store.read();
    const models = Object.keys(services.prices.listModelPrices()).sort();
    const groups = [
      ...new Set([...Object.keys(DEFAULT_PRICES.groups), ...Object.keys(overrides.groups)]),
    ].sort();
    return c.json({
      defaultsAsOf: DEFAULT_PRICES_AS_OF,
      models: models.map((model) => modelView(model, overrides)),
      groups: groups.map((group) => groupView(group, overrides)),
    });
  });

  app.put('/prices/models/:model', async (c) => {
    const model = nameParam(c, 'model', 191);
    const price = await parseBody(c, modelPriceSchema);
    await refusedAsBadRequest(store.setModelPrice(model, price));
    await applied();
    return c.json(modelView(model, await store.read()));
  });

  app.delete('/prices/models/:model', async (c) => {
    const model = nameParam(c, 'model', 191);
    if (!(await store.removeModelPrice(model)))
      throw new GatewayError('not_found', `The model ${model} has no price override`);
    await applied();
    // Back to the default price, or no price at all (the model is refused until priced).
    return c.json(modelView(model, await store.read()));
  });

  app.put('/prices/groups/:group', async (c) => {
    const group = nameParam(c, 'group', 64);
    const { ratio } = await parseBody(c, groupRatio);
    await refusedAsBadRequest(store.setGroupRatio(group, ratio));
    await applied();
    return c.json(groupView(group, await store.read()));
  });

  return app;
}

function nameParam(c: Context, name: string, maxLength: number): string {
  const value = c.req.param(name) ?? '';
  if (value.trim() === '' || value.length > maxLength)
    throw new GatewayError('invalid_request', `${name}: must be 1-${maxLength} characters`, {
      param: name,
    });
  return value;
}

/** The PriceTable validates too; its `invalid_amount` is the caller's mistake. */
async function refusedAsBadRequest(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (isLedgerError(error) && error.code === 'invalid_amount')
      throw new GatewayError('invalid_request', error.message, { cause: error });
    throw error;
  }
}
