import type { ProviderAdapter, UpstreamTarget } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';
import { GatewayError } from '../../http/gateway-error';
import { openChannelKeys } from './channel-keys';

/** How long an admin's call to a channel's upstream (model list, balance) may take, ms. */
export const ADMIN_UPSTREAM_TIMEOUT_MS = 10_000;

/** What one request to the channel's upstream is sent with: its base URL and first key. */
export function channelTarget(
  services: GatewayServices,
  channel: Channel,
  adapter: ProviderAdapter,
): UpstreamTarget {
  const baseUrl = (channel.baseUrl ?? adapter.defaultBaseUrl)?.replace(/\/+$/, '');
  if (!baseUrl)
    throw new GatewayError('invalid_request', 'The channel has no base URL', { param: 'baseUrl' });
  let apiKey: string;
  try {
    apiKey = openChannelKeys(services.cipher, channel.keyCiphertext)[0] ?? '';
  } catch {
    throw new GatewayError('invalid_request', "The channel's keys do not decrypt; save them again");
  }
  return { baseUrl, apiKey, config: channel.config ?? {} };
}

/**
 * An admin's GET to a channel's upstream, answered with the JSON body (undefined when it is
 * not JSON). Failures are `upstream_error`s naming `what` and the upstream's status only:
 * its body may echo the key.
 */
export async function getUpstreamJson(
  services: GatewayServices,
  request: { readonly url: string; readonly headers: Readonly<Record<string, string>> },
  what: string,
): Promise<unknown> {
  let response: Response;
  try {
    response = await services.upstreamFetch(request.url, {
      headers: request.headers,
      signal: AbortSignal.timeout(ADMIN_UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new GatewayError(
      'upstream_error',
      timedOut
        ? `The upstream did not answer ${what} within ${ADMIN_UPSTREAM_TIMEOUT_MS / 1000} s`
        : 'The upstream could not be reached',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GatewayError('upstream_error', `The upstream answered ${response.status} to ${what}`);
  }
  return response.json().catch(() => undefined);
}
