import { createOpenAIChunkEncoder, parseChatRequest } from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { type ChatFormat, relayChat } from './relay-chat';

const openAIFormat: ChatFormat = {
  createEncoder: (request) =>
    createOpenAIChunkEncoder({
      model: request.model,
      includeUsage: request.stream_options?.include_usage === true,
    }),
  renderCompletion: (completion, request) => ({ ...completion, model: request.model }),
};

/** POST /v1/chat/completions for any channel type, streamed or not. */
export function createChatCompletionsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  app.post('/chat/completions', async (c) => {
    const body = await c.req.json().catch(() => {
      throw new GatewayError('invalid_request', 'The request body must be valid JSON');
    });
    return relayChat(services, c, parseChatRequest(body), openAIFormat);
  });
  return app;
}
