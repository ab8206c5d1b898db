import { PROVIDERS } from '@oneapi/adapters';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env';

/** The channel types the gateway can talk to, with their settings, for the channel form. */
export function createProvidersRoutes() {
  const app = new Hono<AppEnv>();
  const providers = PROVIDERS.map((provider) => ({
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    defaultBaseUrl: provider.defaultBaseUrl ?? null,
    capabilities: provider.capabilities,
    configFields: provider.configFields ?? [],
    // The dashboard offers Balance only where GET /api/channels/:id/balance can answer.
    hasBalance: provider.balance !== undefined,
  }));
  app.get('/providers', (c) => c.json({ items: providers }));
  return app;
}
