import { isAdapterError } from '@oneapi/adapters';
import { isRouterError } from '@oneapi/router';
import type { Channel } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';
import { openChannelKeys } from './channel-keys';
import { maskKey } from './views';

/** One channel test as the admin API answers it: the result is the payload, never a key. */
export interface ChannelTestReport {
  readonly channelId: number;
  readonly name: string;
  readonly ok: boolean;
  readonly latencyMs: number;
  /** The model asked for (before the channel's mapping). */
  readonly model: string | null;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * Sends one small chat to this channel only, through the router's pin (health ignored, so a
 * channel taken out of rotation can be tried). Nothing is reserved or charged: admins testing
 * channels are not billed. A pass records the latency on the channel.
 */
export async function testChannel(
  services: GatewayServices,
  channel: Channel,
  requestedModel?: string,
): Promise<ChannelTestReport> {
  const model = requestedModel ?? channel.testModel ?? channel.models[0] ?? null;
  const base = { channelId: channel.id, name: channel.name, model };
  if (model === null)
    return {
      ...base,
      ok: false,
      latencyMs: 0,
      error: { code: 'invalid_request', message: 'The channel has no model to test' },
    };
  const started = performance.now();
  try {
    await services.router.dispatch(services.router.policy.channelTest.buildRequest(model), {
      // A pinned dispatch ignores the group; any of the channel's is as good as another.
      group: channel.groups[0] ?? 'default',
      pinnedChannelId: channel.id,
    });
  } catch (error) {
    if (!isRouterError(error) && !isAdapterError(error))
      services.logger.error({ channelId: channel.id, err: String(error) }, 'channel test failed');
    return {
      ...base,
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: describeFailure(error, channelKeys(services, channel)),
    };
  }
  const latencyMs = Math.round(performance.now() - started);
  await services.storage.repositories.channels.recordTest(channel.id, latencyMs);
  return { ...base, ok: true, latencyMs };
}

function describeFailure(error: unknown, keys: readonly string[]) {
  const { code, message } = isRouterError(error)
    ? error.toOpenAIError().error
    : isAdapterError(error)
      ? error
      : { code: 'internal_error', message: 'The test could not be run' };
  // A pin skips channel health but not dead keys: nothing was sent, so say why.
  if (isRouterError(error) && error.code === 'no_channel_available' && error.attempts.length === 0)
    return {
      code,
      message:
        'Every key of this channel is disabled after upstream failures; the periodic channel test (CHANNEL_TEST_FREQUENCY) retries them',
    };
  // Adapters already redact the key they sent; this also covers the channel's other keys.
  const redacted = keys.reduce(
    (text, key) => (key.length >= 8 ? text.replaceAll(key, maskKey(key)) : text),
    message,
  );
  return { code, message: redacted };
}

function channelKeys(services: GatewayServices, channel: Channel): string[] {
  try {
    return openChannelKeys(services.cipher, channel.keyCiphertext);
  } catch {
    return [];
  }
}
