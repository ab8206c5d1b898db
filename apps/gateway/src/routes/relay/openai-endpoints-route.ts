import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { OPENAI_ENDPOINTS } from './endpoints/openai-endpoints';
import { relayEndpoint } from './endpoints/relay-endpoint';

/** POST /v1/completions, /v1/embeddings, /v1/images/*, /v1/audio/*, /v1/moderations, /v1/rerank (/v1/responses: responses-route.ts). */
export function createOpenAIEndpointsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  for (const spec of OPENAI_ENDPOINTS) app.post(spec.path, relayEndpoint(services, spec));
  return app;
}
