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
import { CHAT_COMPLETIONS_PASSTHROUGH } from './endpoints/chat-completions-passthrough';
import { relayEndpointBody, servesEndpoint } from './endpoints/relay-endpoint';
import { jsonRelayBody } from './relay-body';
import { type ChatFormat, relayChat } from './relay-chat';
import { poolHasOnlyTypes, poolHasType } from './relay-session';

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

/** Channel types whose chat answers are OpenAI's own, passed back as they come. */
const answersAsOpenAI = (type: string) => servesEndpoint(type, CHAT_COMPLETIONS_PASSTHROUGH);

/** Channel types that take OpenAI's chat body as it is written. */
const speaksOpenAIChat = (type: string) => findProvider(type)?.kind === 'openai-compatible';

/**
 * POST /v1/chat/completions for any channel type, streamed or not. When every channel serving
 * the model answers in OpenAI's own format (OpenAI's), the client's bytes pass through
 * (`CHAT_COMPLETIONS_PASSTHROUGH`); a pool with any other type is translated, so that each of
 * its channels can take the request when another fails. A body with OpenAI shapes
 * the canonical request does not model (custom tools, `allowed_tools`, parts newer than the
 * gateway) goes only to OpenAI-compatible channels, which receive it as written; without one
 * serving the model it is refused as invalid, as a translation could not carry it.
 */
export function createChatCompletionsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const relayChatBytes = relayEndpointBody(services, CHAT_COMPLETIONS_PASSTHROUGH);
  app.post('/chat/completions', async (c) => {
    const { bytes, json: body } = await readJsonBody(c, services.config.maxJsonDepth);
    const { request, openAIOnly } = parseOpenAIChatRequest(body);
    await turnAfterLargeBody(bytes.length);
    if (poolHasOnlyTypes(services, c, request.model, answersAsOpenAI))
      return relayChatBytes(c, jsonRelayBody(bytes, body));
    if (!openAIOnly) return relayChat(services, c, request, openAIFormat);
    // The canonical schema's refusal, naming the field no translation can carry.
    if (!poolHasType(services, c, request.model, speaksOpenAIChat)) parseChatRequest(body);
    return relayChat(services, c, request, openAIFormat, request, (channel) =>
      speaksOpenAIChat(channel.type),
    );
  });
  return app;
}
