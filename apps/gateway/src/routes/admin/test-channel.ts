import { type ChannelTestResult, isRouterError } from '@oneapi/router';
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
 * Tests every key of this channel with one small chat each, health ignored, through the
 * router (which revives keys and the channel on a pass, as the periodic test does). Nothing
 * is reserved or charged: admins testing channels are not billed. A pass records the
 * latency on the channel; the report's error is the first failing key's.
 */
export async function testChannel(
  services: GatewayServices,
  channel: Channel,
  requestedModel?: string,
): Promise<ChannelTestReport> {
  const model = requestedModel ?? channel.testModel ?? channel.models[0] ?? null;
  const base = { channelId: channel.id, name: channel.name, model };
  const fail = (latencyMs: number, code: string, message: string): ChannelTestReport => ({
    ...base,
    ok: false,
    latencyMs,
    error: { code, message: redactKeys(message, channelKeys(services, channel)) },
  });
  if (model === null) return fail(0, 'invalid_request', 'The channel has no model to test');
  let results: ChannelTestResult[];
  try {
    results = await services.router.testChannel(channel.id, model);
  } catch (error) {
    if (isRouterError(error)) return fail(0, error.code, error.message);
    services.logger.error({ channelId: channel.id, err: String(error) }, 'channel test failed');
    return fail(0, 'internal_error', 'The test could not be run');
  }
  const latencyMs = Math.round(Math.max(0, ...results.map((result) => result.latencyMs)));
  const failed = results.find((result) => !result.ok);
  if (failed)
    return fail(
      latencyMs,
      failed.errorCode ?? 'internal_error',
      `Key ${failed.keyIndex + 1} of ${results.length}: ${failed.errorMessage ?? 'failed'}`,
    );
  await services.storage.repositories.channels.recordTest(channel.id, latencyMs);
  return { ...base, ok: true, latencyMs };
}

/** Adapters redact the key they sent; this also covers the channel's other keys. */
function redactKeys(message: string, keys: readonly string[]): string {
  return keys.reduce(
    (text, key) => (key.length >= 8 ? text.replaceAll(key, maskKey(key)) : text),
    message,
  );
}

function channelKeys(services: GatewayServices, channel: Channel): string[] {
  try {
    return openChannelKeys(services.cipher, channel.keyCiphertext);
  } catch {
    return [];
  }
}
