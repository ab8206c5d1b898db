import { PROVIDERS } from '@oneapi/adapters';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/app-env';

/** One channel setting of a provider (the adapters' `ConfigField`), as the dashboard reads it. */
const configField = z.object({
  /** The key in the channel's `config`. */
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** Absent: text. `integer`: a whole number; `select`: one of `options`. */
  type: z.enum(['text', 'integer', 'select']).optional(),
  options: z.array(z.string()).readonly().optional(),
  description: z.string().optional(),
  /** What the provider uses when the setting is absent. */
  default: z.string().optional(),
});

/** GET /api/providers: every channel type, with what the channel form needs to offer it. */
export const providerList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['native', 'openai-compatible']),
      /** null: the channel must give one (Azure's resource URL), or it is derived (a region). */
      defaultBaseUrl: z.string().nullable(),
      capabilities: z.record(z.string(), z.boolean()),
      configFields: z.array(configField).readonly(),
      /** Whether GET /api/channels/:id/balance can answer for channels of this type. */
      hasBalance: z.boolean(),
    }),
  ),
});

/** The channel types the gateway can talk to, with their settings, for the channel form. */
export function createProvidersRoutes() {
  const app = new Hono<AppEnv>();
  const body = {
    items: PROVIDERS.map((provider) => ({
      id: provider.id,
      name: provider.name,
      kind: provider.kind,
      defaultBaseUrl: provider.defaultBaseUrl ?? null,
      capabilities: { ...provider.capabilities },
      configFields: provider.configFields ?? [],
      hasBalance: provider.balance !== undefined,
    })),
  } satisfies z.infer<typeof providerList>;
  app.get('/providers', (c) => c.json(body));
  return app;
}
