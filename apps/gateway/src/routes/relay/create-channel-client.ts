import { createProviderClient, getProvider, type ProviderClient } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';
import { GatewayError } from '../../http/gateway-error';
import { openChannelKeys } from '../admin/channel-keys';

/** A provider client for one channel, with one of its keys picked at random. */
export function createChannelClient(services: GatewayServices, channel: Channel): ProviderClient {
  let keys: string[];
  try {
    keys = openChannelKeys(services.cipher, channel.keyCiphertext);
  } catch {
    // Never the ciphertext or the cause in the message: it is about a key.
    throw new GatewayError(
      'no_channel_available',
      `Channel ${channel.id} has keys that cannot be decrypted`,
    );
  }
  if (keys.length === 0)
    throw new GatewayError('no_channel_available', `Channel ${channel.id} has no keys`);
  const apiKey = keys[Math.floor(Math.random() * keys.length)]!;
  return createProviderClient({
    adapter: getProvider(channel.type),
    target: {
      apiKey,
      ...(channel.baseUrl && { baseUrl: channel.baseUrl }),
      config: channel.config ?? {},
    },
    fetch: services.fetch,
  });
}
