import type { Candidate, RoutedChannel, Tier } from './channel-index';
import type { Random } from './random';
import type { SelectionStrategy } from './strategies/selection-strategy';
import { pickSticky } from './strategies/sticky';

export interface Selection {
  readonly candidate: Candidate;
  readonly route: 'selected' | 'sticky' | 'panic';
}

/**
 * Highest tier first; inside a tier, the strategy (or the sticky hash) picks among healthy
 * channels not yet tried by this dispatch; an exhausted tier falls through to the next.
 * When no healthy channel is left, panic routing takes the least bad untried one instead of
 * failing. `scratch` is reused across calls: selection is synchronous, so no two overlap.
 */
export function selectChannel(
  tiers: readonly Tier[],
  tried: readonly RoutedChannel[],
  now: number,
  strategy: SelectionStrategy,
  random: Random,
  sessionHash: number | undefined,
  scratch: Candidate[],
): Selection | undefined {
  for (const tier of tiers) {
    let count = 0;
    for (const candidate of tier.candidates) {
      if (tried.length > 0 && tried.includes(candidate.routed)) continue;
      if (!candidate.routed.health.selectable(now)) continue;
      scratch[count++] = candidate;
    }
    if (count === 0) continue;
    const index =
      sessionHash === undefined
        ? strategy.pick(scratch, count, random)
        : pickSticky(scratch, count, sessionHash);
    return {
      candidate: scratch[index] as Candidate,
      route: sessionHash === undefined ? 'selected' : 'sticky',
    };
  }
  const leastBad = selectLeastBad(tiers, tried, now);
  return leastBad && { candidate: leastBad, route: 'panic' };
}

/**
 * Panic routing: among untried channels that still have a live key and are not disabled,
 * the one with the lowest recent failure rate, then the soonest to recover, then the highest
 * tier. Ejected and cooling channels are "unhealthy", not dead: trying one beats a 503.
 */
export function selectLeastBad(
  tiers: readonly Tier[],
  tried: readonly RoutedChannel[],
  now: number,
): Candidate | undefined {
  let best: Candidate | undefined;
  let bestRate = Number.POSITIVE_INFINITY;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const tier of tiers) {
    for (const candidate of tier.candidates) {
      const health = candidate.routed.health;
      if (tried.includes(candidate.routed)) continue;
      if (health.disabledReason !== undefined || health.liveKeyCount() === 0) continue;
      const rate = health.breaker.window.failureRate(now);
      const at = health.availableAt();
      if (rate < bestRate || (rate === bestRate && at < bestAt)) {
        best = candidate;
        bestRate = rate;
        bestAt = at;
      }
    }
  }
  return best;
}
