import {
  createSecretScrubber,
  findNativeSupport,
  findProvider,
  type NativeFormat,
} from '@oneapi/adapters';
import type { Context } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { createChannelClient } from './channel-client';
import type { NativeRequest } from './relay-native';
import { poolHasType, relayGroup } from './relay-session';

/** Whether channels of this type count `format`'s tokens for this model (Anthropic, Claude on Vertex or Bedrock). */
function countsNatively(type: string, model: string, format: NativeFormat): boolean {
  const provider = findProvider(type);
  return (
    provider !== undefined &&
    findNativeSupport(provider, format, model)?.buildCountTokensRequest !== undefined
  );
}

/** Whether a channel of the pool serving `model` can count its tokens upstream. */
export function countedUpstream(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  format: NativeFormat,
): boolean {
  return poolHasType(services, c, model, (type) => countsNatively(type, model, format));
}

/**
 * A token count asked of the upstream that will answer the request, so the client gets the
 * vendor's own count (its tokenizer, images, tools) rather than the gateway's estimate.
 * Routed and failed over like any request, but neither held nor billed: the vendors do not
 * charge for counting. The answer is the upstream's body, its keys scrubbed.
 */
export async function relayCountTokens(
  services: GatewayServices,
  c: Context<AppEnv>,
  request: NativeRequest,
  format: NativeFormat,
): Promise<Response> {
  const token = c.get('token');
  const result = await services.router.call(
    request.model,
    {
      group: relayGroup(c),
      signal: c.req.raw.signal,
      ...(token.allowedModels && { allowedModels: token.allowedModels }),
      accepts: (channel) => countsNatively(channel.type, request.model, format),
    },
    async (target) => {
      const client = createChannelClient(services, target);
      const response = await client.countNativeTokens(
        format,
        { ...request, model: target.upstreamModel, stream: false },
        { signal: target.signal },
      );
      return createSecretScrubber(target.channel.keys).scrub(await response.text());
    },
  );
  return c.body(result.value, 200, { 'content-type': 'application/json' });
}
