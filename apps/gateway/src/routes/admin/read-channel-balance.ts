import { findProvider, isAdapterError } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';
import { GatewayError } from '../../http/gateway-error';
import { channelTarget, getUpstreamJson } from './channel-upstream';

/** A channel's upstream account balance: money in the vendor's currency, not quota. */
export interface ChannelBalance {
  readonly amount: number;
  /** ISO 4217, e.g. `USD`, `CNY`. */
  readonly currency: string;
  /** When it was read, ms since the epoch. */
  readonly checkedAt: number;
}

/**
 * Asks the upstream for the balance of the channel's first key, for providers whose adapter
 * has a balance endpoint. Errors name the upstream's status only: its body may echo the key.
 */
export async function readChannelBalance(
  services: GatewayServices,
  channel: Channel,
): Promise<ChannelBalance> {
  const adapter = findProvider(channel.type);
  if (!adapter?.balance)
    throw new GatewayError(
      'invalid_request',
      `The ${adapter?.name ?? channel.type} provider has no balance endpoint`,
    );
  const request = adapter.balance.buildRequest(channelTarget(services, channel, adapter));
  const body = await getUpstreamJson(services, request, 'the balance request');
  try {
    return { ...adapter.balance.parse(body), checkedAt: Date.now() };
  } catch (error) {
    if (!isAdapterError(error)) throw error;
    throw new GatewayError('upstream_error', "The upstream's balance answer could not be read");
  }
}
