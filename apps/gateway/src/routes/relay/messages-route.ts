import {
  AdapterError,
  anthropicMessagesRequestSchema,
  countPromptTokens,
  createAnthropicEventEncoder,
  toAnthropicMessage,
  toCanonicalRequest,
} from '@oneapi/adapters';
import { type Context, Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { readJson } from '../../http/read-json';
import { type ChatFormat, relayChat } from './relay-chat';

const anthropicFormat: ChatFormat = {
  createEncoder: async (request) =>
    createAnthropicEventEncoder({
      model: request.model,
      estimatedInputTokens: await countPromptTokens(request),
    }),
  renderCompletion: (completion, request) => toAnthropicMessage(completion, request.model),
  // Anthropic's own keep-alive event, which its SDKs expect and skip.
  heartbeat: 'event: ping\ndata: {"type": "ping"}\n\n',
};

/**
 * POST /v1/messages: Anthropic's format in and out (the Anthropic SDK, Claude Code), served
 * by any channel. Errors are in Anthropic's shape too, since that is what those clients parse
 * (the app's error handler renders every error under /v1/messages so, before the route too).
 */
export function createMessagesRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // Both routes take a Messages body; count_tokens's has no max_tokens.
  const readRequest = async (c: Context<AppEnv>, defaults: object = {}) => {
    const body = await readJson(c, services.config.maxJsonDepth);
    const parsed = anthropicMessagesRequestSchema.safeParse({ ...defaults, ...(body as object) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
    }
    return toCanonicalRequest(parsed.data);
  };

  app.post('/messages', async (c) => relayChat(services, c, await readRequest(c), anthropicFormat));
  // Counted locally with the tokenizer that bills streams without usage: no upstream call.
  app.post('/messages/count_tokens', async (c) =>
    c.json({ input_tokens: await countPromptTokens(await readRequest(c, { max_tokens: 1 })) }),
  );
  return app;
}
