import { createProviderClient, type ProviderClient } from '@oneapi/adapters';
import type { CallTarget } from '@oneapi/router';
import type { GatewayServices } from '../../compose';

/** The provider client for one attempt of a `router.call`: the channel's adapter, key and settings. */
export function createChannelClient(
  services: GatewayServices,
  target: Pick<CallTarget, 'channel' | 'apiKey'>,
): ProviderClient {
  const { channel, apiKey } = target;
  const adapter = services.providers.getProvider(channel.type);
  return createProviderClient({
    adapter,
    target: {
      apiKey,
      channelKeys: channel.keys,
      ...(channel.baseUrl !== undefined && { baseUrl: channel.baseUrl }),
      config: { ...channel.config },
    },
    fetch: services.upstreamFetch,
    resolveHost: services.lookupHost,
  });
}
