import {
  AdapterError,
  anthropicMessagesRequestSchema,
  createAnthropicEventEncoder,
  estimatePromptTokens,
  isAdapterError,
  toAnthropicError,
  toAnthropicMessage,
  toCanonicalRequest,
} from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { type ChatFormat, relayChat } from './relay-chat';

const anthropicFormat: ChatFormat = {
  createEncoder: (request) =>
    createAnthropicEventEncoder({
      model: request.model,
      estimatedInputTokens: estimatePromptTokens(request),
    }),
  renderCompletion: (completion, request) => toAnthropicMessage(completion, request.model),
};

/**
 * POST /v1/messages: Anthropic's format in and out (the Anthropic SDK, Claude Code), served
 * by any channel. Errors are in Anthropic's shape too, since that is what those clients parse.
 */
export function createMessagesRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  app.post('/messages', async (c) => {
    try {
      const body = await c.req.json().catch(() => {
        throw new GatewayError('invalid_request', 'The request body must be valid JSON');
      });
      const parsed = anthropicMessagesRequestSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`);
      }
      return await relayChat(services, c, toCanonicalRequest(parsed.data), anthropicFormat);
    } catch (error) {
      const adapterError = isAdapterError(error)
        ? error
        : error instanceof GatewayError
          ? new AdapterError(
              error.status === 503
                ? 'overloaded'
                : error.status === 401
                  ? 'upstream_auth_failed'
                  : 'invalid_request',
              error.message,
            )
          : undefined;
      if (!adapterError) throw error;
      const status = error instanceof GatewayError ? error.status : adapterError.status;
      return c.json(toAnthropicError(adapterError), status as 400);
    }
  });
  return app;
}
