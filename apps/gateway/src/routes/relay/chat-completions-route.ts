import { createOpenAIChunkEncoder, parseChatRequest } from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { readJson } from '../../http/read-json';
import { type ChatFormat, relayChat } from './relay-chat';

const openAIFormat: ChatFormat = {
  createEncoder: (request) =>
    createOpenAIChunkEncoder({
      model: request.model,
      includeUsage: request.stream_options?.include_usage === true,
    }),
  renderCompletion: (completion, request) => ({ ...completion, model: request.model }),
  // An SSE comment: every client skips it.
  heartbeat: ': keep-alive\n\n',
};

/** POST /v1/chat/completions for any channel type, streamed or not. */
export function createChatCompletionsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  app.post('/chat/completions', async (c) => {
    const body = await readJson(c, services.config.maxJsonDepth);
    return relayChat(services, c, parseChatRequest(body), openAIFormat);
  });
  return app;
}
