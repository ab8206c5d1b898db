import { findProvider } from '@oneapi/adapters';
import type { Channel } from '@oneapi/storage';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import { GatewayError } from '../../http/gateway-error';
import { openChannelKeys } from './channel-keys';

const LIST_TIMEOUT_MS = 10_000;

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
  const baseUrl = (channel.baseUrl ?? adapter.defaultBaseUrl)?.replace(/\/+$/, '');
  if (!baseUrl)
    throw new GatewayError('invalid_request', 'The channel has no base URL', { param: 'baseUrl' });
  let apiKey: string;
  try {
    apiKey = openChannelKeys(services.cipher, channel.keyCiphertext)[0] ?? '';
  } catch {
    throw new GatewayError('invalid_request', "The channel's keys do not decrypt; save them again");
  }
  // The adapter knows how this vendor takes its key (bearer, api-key header, none) and which
  // headers it always wants: borrow them from a chat request it would build, not sent.
  const { 'content-type': _json, ...headers } = (
    await adapter.buildChatRequest(
      { model: 'model-list', messages: [] },
      { baseUrl, apiKey, config: channel.config ?? {} },
    )
  ).headers;

  let response: Response;
  try {
    response = await services.upstreamFetch(`${baseUrl}/models`, {
      headers,
      signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new GatewayError(
      'upstream_error',
      timedOut
        ? `The upstream did not list its models within ${LIST_TIMEOUT_MS / 1000} s`
        : 'The upstream could not be reached',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GatewayError(
      'upstream_error',
      `The upstream answered ${response.status} to GET /models`,
    );
  }
  const parsed = modelList.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success)
    throw new GatewayError('upstream_error', "The upstream's model list is not in OpenAI's format");
  return [...new Set(parsed.data.data.map((model) => model.id))].sort();
}
