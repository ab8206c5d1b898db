import {
  AdapterError,
  createResponsesEventEncoder,
  type ResponsesToolNames,
  readResponsesToolNames,
  responsesRequestSchema,
  toCanonicalRequestFromResponses,
  toResponsesResponse,
} from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { turnAfterLargeBody } from '../../http/read-json';
import { RESPONSES_ENDPOINT } from './endpoints/openai-endpoints';
import { relayEndpointBody, servesEndpoint } from './endpoints/relay-endpoint';
import { readRelayBody } from './relay-body';
import { type ChatFormat, relayChat } from './relay-chat';
import { poolHasType } from './relay-session';

const responsesFormat = (names: ResponsesToolNames): ChatFormat => ({
  createEncoder: (request) => createResponsesEventEncoder({ model: request.model, names }),
  renderCompletion: (completion, request) => toResponsesResponse(completion, request.model, names),
  // An SSE comment: the SDKs and Codex skip it.
  heartbeat: ': keep-alive\n\n',
});

/**
 * POST /v1/responses (the openai SDK's `responses.create`, Codex), served by any channel. To
 * channels that serve the Responses API (OpenAI, Azure) the body passes through as the
 * client wrote it, the model mapped, billed on the answer's usage; when any channel of the
 * pool does, only those serve the model, so a failover never loses what the passthrough
 * keeps (stored responses, built-in tools, encrypted reasoning). Any other channel gets it
 * translated through the canonical chat form and answered with Responses events.
 */
export function createResponsesRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const passThrough = relayEndpointBody(services, RESPONSES_ENDPOINT);
  app.post('/responses', async (c) => {
    const body = await readRelayBody(c, 'json');
    if (poolHasType(services, c, body.model, (type) => servesEndpoint(type, RESPONSES_ENDPOINT)))
      return passThrough(c, body);
    const parsed = responsesRequestSchema.safeParse(body.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AdapterError('invalid_request', `${issue.path.join('.')}: ${issue.message}`, {
        param: String(issue.path[0] ?? ''),
      });
    }
    const names = readResponsesToolNames(parsed.data.tools);
    await turnAfterLargeBody(body.byteLength);
    const request = toCanonicalRequestFromResponses(parsed.data);
    await turnAfterLargeBody(body.byteLength);
    return relayChat(services, c, request, responsesFormat(names));
  });
  return app;
}
