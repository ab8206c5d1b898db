import { DEFAULT_PRICES_AS_OF } from '@oneapi/ledger';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { createPriceOverrideStore, DEFAULT_PRICES } from '../../options/price-overrides';
import { systemSettingsOf } from '../../options/system-settings';

/**
 * The models and what they cost, for anyone, while root publishes them (the publicPricing
 * setting): the dashboard's /pricing page reads it signed out. Only prices in effect and
 * ratios; nothing about channels, overrides or who set them. A 404 otherwise, so a closed
 * gateway does not even say the page exists.
 */
export function createPublicPricingRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const settings = systemSettingsOf(services);
  const overrides = createPriceOverrideStore(services.storage.repositories.options);

  app.get('/public/pricing', async (c) => {
    if (!(await settings.read()).publicPricing)
      throw new GatewayError('not_found', 'This gateway does not publish its prices');
    const prices = services.prices.listModelPrices();
    const groupNames = new Set([
      ...Object.keys(DEFAULT_PRICES.groups),
      ...Object.keys((await overrides.read()).groups),
    ]);
    const groups = [...groupNames].sort().flatMap((group) => {
      const ratio = ratioOf(services, group);
      return ratio === null ? [] : [{ group, ratio }];
    });
    return c.json({
      defaultsAsOf: DEFAULT_PRICES_AS_OF,
      models: Object.keys(prices)
        .sort()
        .map((model) => ({ model, price: prices[model] })),
      groups,
    });
  });

  return app;
}

/** A group the ledger cannot price is left out rather than shown without a ratio. */
function ratioOf(services: GatewayServices, group: string): number | null {
  try {
    return services.prices.groupRatioOf(group);
  } catch {
    return null;
  }
}
