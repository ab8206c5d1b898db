import { findProvider } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import { GatewayError } from '../../http/gateway-error';
import { channelTarget, getUpstreamJson } from './channel-upstream';

/** OpenAI's `GET /models` answer, as far as it is read here. */
const modelList = z.object({ data: z.array(z.object({ id: z.string() })) });

/**
 * The models an OpenAI-compatible upstream says it serves (`GET {baseUrl}/models` with the
 * channel's first key), to fill a channel's model list. Errors name the upstream's status
 * only: its body may echo the key.
 */
export async function listUpstreamModels(
  services: GatewayServices,
  channel: Channel,
): Promise<string[]> {
  const adapter = findProvider(channel.type);
  if (adapter?.kind !== 'openai-compatible')
    throw new GatewayError(
      'invalid_request',
      `The ${adapter?.name ?? channel.type} provider has no model list endpoint`,
    );
  const target = channelTarget(services, channel, adapter);
  // The adapter knows how this vendor takes its key (bearer, api-key header, none) and which
  // headers it always wants: borrow them from a chat request it would build, not sent.
  const { 'content-type': _json, ...headers } = (
    await adapter.buildChatRequest({ model: 'model-list', messages: [] }, target)
  ).headers;
  const body = await getUpstreamJson(
    services,
    { url: `${target.baseUrl}/models`, headers },
    'GET /models',
  );
  const parsed = modelList.safeParse(body);
  if (!parsed.success)
    throw new GatewayError('upstream_error', "The upstream's model list is not in OpenAI's format");
  return [...new Set(parsed.data.data.map((model) => model.id))].sort();
}
