import type { AdapterErrorCode, ChatRequest } from '@oneapi/adapters';
import type { RoutedChannel } from '../channel-index';
import type { Clock } from '../clock';
import { compileModelMapping } from '../model-mapping';
import type { UpstreamExecutor } from '../ports';
import { asAdapterError } from '../run-with-failover';
import { raceAbort, StageTimer } from '../timeouts';
import type { HealthTracker } from './health-tracker';

export interface ChannelTestResult {
  readonly channelId: number;
  readonly keyIndex: number;
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly errorCode?: AdapterErrorCode;
  /** The failure as the adapter described it (keys already redacted). */
  readonly errorMessage?: string;
}

export interface ChannelTesterDeps {
  readonly executor: UpstreamExecutor;
  readonly tracker: HealthTracker;
  readonly clock: Clock;
  readonly buildRequest: (model: string) => ChatRequest;
}

/**
 * One pass of the periodic channel test (One API's CHANNEL_TEST_FREQUENCY), over the channels
 * health has taken out: auto-disabled, breaker-open, or with disabled keys. Each dead key is
 * tried (else the first live one); a pass revives the key, closes the breakers and re-enables
 * the channel. Manually disabled channels are not in the index, so never come back here.
 */
export async function testUnhealthyChannels(
  channels: readonly RoutedChannel[],
  deps: ChannelTesterDeps,
): Promise<ChannelTestResult[]> {
  const results: ChannelTestResult[] = [];
  for (const routed of channels) {
    const health = routed.health;
    const deadKeys = health.keys.flatMap((key, index) => (key.disabledReason ? [index] : []));
    const needsTest =
      health.disabledReason !== undefined ||
      health.breaker.state !== 'closed' ||
      deadKeys.length > 0;
    if (!needsTest) continue;
    const model = routed.channel.testModel ?? routed.channel.models[0];
    if (model === undefined) continue;
    const keys =
      deadKeys.length > 0 ? deadKeys : [health.keys.findIndex((key) => !key.disabledReason)];
    for (const keyIndex of keys) {
      if (keyIndex < 0) continue;
      results.push(await testKey(routed, keyIndex, model, deps));
    }
  }
  return results;
}

/**
 * An admin's test of one channel: every key, whatever its health. A pass revives a dead key
 * (and the channel, if health had taken it out), exactly as the periodic test does.
 */
export async function testEveryKey(
  routed: RoutedChannel,
  deps: ChannelTesterDeps,
  model = routed.channel.testModel ?? routed.channel.models[0],
): Promise<ChannelTestResult[]> {
  if (model === undefined) return [];
  const results: ChannelTestResult[] = [];
  for (let keyIndex = 0; keyIndex < routed.channel.keys.length; keyIndex++)
    results.push(await testKey(routed, keyIndex, model, deps));
  return results;
}

/** One small chat on one key; a pass revives it (and its channel) through the tracker. */
export async function testKey(
  routed: RoutedChannel,
  keyIndex: number,
  model: string,
  deps: ChannelTesterDeps,
): Promise<ChannelTestResult> {
  const started = deps.clock.now();
  const controller = new AbortController();
  const timer = new StageTimer(deps.clock, controller);
  timer.arm('first_byte', routed.timeouts.firstByteMs);
  const base = { channelId: routed.channel.id, keyIndex };
  try {
    const call = {
      channel: routed.channel,
      keyIndex,
      apiKey: routed.channel.keys[keyIndex] as string,
      // The test model is an exposed name, like a caller's: send the channel's name for it.
      request: deps.buildRequest(compileModelMapping(routed.channel.modelMapping).map(model)),
      signal: controller.signal,
    };
    await raceAbort(deps.executor.chat(call), controller.signal);
    deps.tracker.onTestPassed(routed.health, keyIndex);
    return { ...base, ok: true, latencyMs: deps.clock.now() - started };
  } catch (thrown) {
    const error = timer.expired ?? asAdapterError(thrown);
    return {
      ...base,
      ok: false,
      latencyMs: deps.clock.now() - started,
      errorCode: error.code,
      errorMessage: error.message,
    };
  } finally {
    timer.clear();
  }
}
