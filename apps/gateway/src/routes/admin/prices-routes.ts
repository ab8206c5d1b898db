import { DEFAULT_PRICES_AS_OF, isLedgerError } from '@oneapi/ledger';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuditedChange, auditActorOf, recordAudit } from '../../audit/audit-trail';
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
  // Overrides live in options rows written outside a transaction: the entry follows the
  // write (one row, whole or absent), and a failure here answers 500 with the change made.
  const audit = (c: Context<AppEnv>, change: Omit<AuditedChange, 'entityType'>) =>
    recordAudit(services.storage.repositories, auditActorOf(c), { ...change, entityType: 'price' });

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
    const before = modelView(model, await store.read());
    await refusedAsBadRequest(store.setModelPrice(model, price));
    await applied();
    const after = modelView(model, await store.read());
    await audit(c, { action: 'update', entityId: `models/${model}`, before, after });
    return c.json(after);
  });

  app.delete('/prices/models/:model', async (c) => {
    const model = nameParam(c, 'model', 191);
    const before = modelView(model, await store.read());
    if (!(await store.removeModelPrice(model)))
      throw new GatewayError('not_found', `The model ${model} has no price override`);
    await applied();
    // Back to the default price, or no price at all (the model is refused until priced).
    const after = modelView(model, await store.read());
    await audit(c, { action: 'delete', entityId: `models/${model}`, before, after });
    return c.json(after);
  });

  app.put('/prices/groups/:group', async (c) => {
    const group = nameParam(c, 'group', 64);
    const { ratio } = await parseBody(c, groupRatio);
    const before = groupView(group, await store.read());
    await refusedAsBadRequest(store.setGroupRatio(group, ratio));
    await applied();
    const after = groupView(group, await store.read());
    await audit(c, { action: 'update', entityId: `groups/${group}`, before, after });
    return c.json(after);
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
