import type { RoutedChannel } from '../channel-index';
import type { ChannelTesterDeps, ChannelTestResult } from './channel-tester';
import { testKey } from './channel-tester';
import type { RevivalPolicy } from './probe-schedule';

/**
 * Claims one probe round of a key, so that of several instances one probes it; the claim
 * lasts `ttlMs`, the wait that follows. Resolves false when another instance holds it.
 */
export type RevivalClaim = (
  target: { readonly channelId: number; readonly keyIndex: number },
  ttlMs: number,
) => Promise<boolean>;

/** One instance alone: every claim succeeds. */
export const claimAlways: RevivalClaim = async () => true;

export interface RevivalProberDeps extends ChannelTesterDeps {
  readonly policy: RevivalPolicy;
  readonly claim: RevivalClaim;
}

/**
 * One pass over what health retired: each key whose probe is due gets one small chat; a pass
 * brings it back (and its channel, through the tracker's `onTestPassed`), a failure doubles
 * its wait. A channel the source reports auto-disabled, with no key known dead here, is
 * probed on its own schedule (first key to pass revives it). Nothing is probed before its
 * time, so calling this often costs nothing but the walk.
 */
export async function probeRetired(
  channels: readonly RoutedChannel[],
  deps: RevivalProberDeps,
): Promise<ChannelTestResult[]> {
  if (deps.policy.initialDelayMs <= 0) return [];
  const results: ChannelTestResult[] = [];
  for (const routed of channels) {
    const health = routed.health;
    const model = routed.channel.testModel ?? routed.channel.models[0];
    if (model === undefined) continue;
    let deadKeys = 0;
    for (let keyIndex = 0; keyIndex < health.keys.length; keyIndex++) {
      const key = health.keys[keyIndex];
      if (key?.disabledReason === undefined) continue;
      deadKeys++;
      if (!key.probe.due(deps.clock.now())) continue;
      const claimed = await deps.claim(
        { channelId: routed.channel.id, keyIndex },
        key.probe.delayMs,
      );
      const result = claimed ? await testKey(routed, keyIndex, model, deps) : undefined;
      if (result) results.push(result);
      if (!result?.ok) key.probe.postpone(deps.clock.now(), deps.policy);
    }
    if (health.disabledReason !== 'source' || deadKeys > 0) continue;
    if (health.probe.nextAt === undefined) {
      health.probe.start(deps.clock.now(), deps.policy);
      continue;
    }
    if (!health.probe.due(deps.clock.now())) continue;
    // Claimed key by key, as retired keys are: an instance that retired them itself and one
    // that only read the status contend for the same rounds.
    for (let keyIndex = 0; keyIndex < health.keys.length; keyIndex++) {
      const target = { channelId: routed.channel.id, keyIndex };
      if (!(await deps.claim(target, health.probe.delayMs))) continue;
      const result = await testKey(routed, keyIndex, model, deps);
      results.push(result);
      if (result.ok) break;
    }
    if (health.disabledReason !== undefined) health.probe.postpone(deps.clock.now(), deps.policy);
  }
  return results;
}
