import {
  createOpenAIChunkEncoder,
  findProvider,
  parseChatRequest,
  parseOpenAIChatRequest,
} from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { readJsonBody, turnAfterLargeBody } from '../../http/read-json';
import { type ChatFormat, relayChat } from './relay-chat';
import { poolHasType } from './relay-session';

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

/** Channel types that take OpenAI's chat body as it is written. */
const speaksOpenAIChat = (type: string) => findProvider(type)?.kind === 'openai-compatible';

/**
 * POST /v1/chat/completions for any channel type, streamed or not. A body with OpenAI shapes
 * the canonical request does not model (custom tools, `allowed_tools`, parts newer than the
 * gateway) goes only to OpenAI-compatible channels, which receive it as written; without one
 * serving the model it is refused as invalid, as a translation could not carry it.
 */
export function createChatCompletionsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  app.post('/chat/completions', async (c) => {
    const { bytes, json: body } = await readJsonBody(c, services.config.maxJsonDepth);
    const { request, openAIOnly } = parseOpenAIChatRequest(body);
    await turnAfterLargeBody(bytes.length);
    if (!openAIOnly) return relayChat(services, c, request, openAIFormat);
    // The canonical schema's refusal, naming the field no translation can carry.
    if (!poolHasType(services, c, request.model, speaksOpenAIChat)) parseChatRequest(body);
    return relayChat(services, c, request, openAIFormat, request, (channel) =>
      speaksOpenAIChat(channel.type),
    );
  });
  return app;
}
