import {
  AdapterError,
  anthropicMessagesRequestSchema,
  countAnthropicPromptTokens,
  countPromptTokens,
  createAnthropicEventEncoder,
  createAnthropicStreamMeter,
  estimatePromptTokens,
  readAnthropicMessageUsage,
  readAnthropicPassthrough,
  readAnthropicStreamError,
  toAnthropicMessage,
  toCanonicalRequest,
} from '@oneapi/adapters';
import { type Context, Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { readJsonBody, turnAfterLargeBody } from '../../http/read-json';
import { type ChatFormat, relayChat } from './relay-chat';
import { countedUpstream, relayCountTokens } from './relay-count-tokens';
import { type NativeIngress, relayNative, servedNatively } from './relay-native';

const anthropicFormat: ChatFormat = {
  // message_start announces the input tokens before the upstream has reported them: an
  // estimate from the bytes, with no tokenizer on a request's path; Anthropic's SDKs take
  // message_delta's usage (the upstream's count, what is billed) in its place at the end.
  createEncoder: async (request) =>
    createAnthropicEventEncoder({
      model: request.model,
      estimatedInputTokens: await estimatePromptTokens(request),
    }),
  renderCompletion: (completion, request) => toAnthropicMessage(completion, request.model),
  // Anthropic's own keep-alive event, which its SDKs expect and skip.
  heartbeat: 'event: ping\ndata: {"type": "ping"}\n\n',
};

/** Anthropic clients to Anthropic-format channels: passed through, billed from the answer. */
const anthropicIngress: NativeIngress = {
  format: 'anthropic-messages',
  streamMeter: (request) =>
    createAnthropicStreamMeter(() => countAnthropicPromptTokens(request.json)),
  usageOf: readAnthropicMessageUsage,
  countPrompt: (request) => countAnthropicPromptTokens(request.json),
  streamError: (event, data) => (event === 'error' ? readAnthropicStreamError(data) : undefined),
  brokenOffFrame: (message) =>
    `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`,
};

/**
 * POST /v1/messages: Anthropic's format in and out (the Anthropic SDK, Claude Code). To
 * channels that speak it (Anthropic) the request passes through as the client wrote it;
 * any other channel gets it translated through the canonical OpenAI shape. Errors are in
 * Anthropic's shape too, since that is what those clients parse (the app's error handler
 * renders every error under /v1/messages so, before the route too).
 */
export function createMessagesRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  // Checked and parsed as every JSON body is (off the loop when large); the bytes are the body
  // as the client wrote it, for a passthrough (decoding 20 MiB of CJK here held the loop 180 ms).
  const readBody = (c: Context<AppEnv>) => readJsonBody(c, services.config.maxJsonDepth);
  // Both routes translate a Messages body the same way; count_tokens's has no max_tokens.
  const toCanonical = async (bytes: Uint8Array, body: unknown, defaults: object = {}) => {
    const parsed = anthropicMessagesRequestSchema.safeParse({ ...defaults, ...(body as object) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
    }
    await turnAfterLargeBody(bytes.length);
    const canonical = toCanonicalRequest(parsed.data);
    await turnAfterLargeBody(bytes.length);
    return canonical;
  };

  app.post('/messages', async (c) => {
    const { bytes, json } = await readBody(c);
    const request = readAnthropicPassthrough(bytes, json, c.req.raw.headers);
    if (servedNatively(services, c, request.model, anthropicIngress.format))
      return relayNative(services, c, request, anthropicIngress);
    return relayChat(services, c, await toCanonical(bytes, json), anthropicFormat, json);
  });
  // Counted by the upstream where it can (Anthropic, Claude on Vertex or Bedrock); else locally, with the tokenizer
  // that bills streams without usage. Never billed.
  app.post('/messages/count_tokens', async (c) => {
    const { bytes, json } = await readBody(c);
    const canonical = await toCanonical(bytes, json, { max_tokens: 1 });
    if (countedUpstream(services, c, canonical.model, anthropicIngress.format)) {
      // A count body has no max_tokens: one meets the reader's check, and the body the
      // upstream builders read stays the client's (count endpoints refuse max_tokens).
      const read = readAnthropicPassthrough(
        bytes,
        { max_tokens: 1, ...(json as object) },
        c.req.raw.headers,
      );
      const request = { ...read, json: json as Record<string, unknown> };
      return relayCountTokens(services, c, request, anthropicIngress.format);
    }
    return c.json({ input_tokens: await countPromptTokens(canonical) });
  });
  return app;
}
