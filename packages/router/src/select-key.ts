import type { KeyRotation } from './channel';
import type { ChannelHealth } from './health/channel-health';
import type { KeyHealth } from './health/key-health';
import type { Random } from './random';

/**
 * Picks a key of a channel: round robin (a cursor per channel) or random start, skipping keys
 * that are disabled, cooling down, breaker-open or already tried by this dispatch. When none
 * is usable, the least bad live key (soonest to recover). -1 when every key is dead or tried.
 */
export function selectKey(
  health: ChannelHealth,
  rotation: KeyRotation,
  now: number,
  random: Random,
  excluded: readonly number[],
): number {
  const keys = health.keys;
  const count = keys.length;
  if (count === 1) return excluded.length > 0 || keys[0]?.disabledReason !== undefined ? -1 : 0;
  const start =
    rotation === 'random' ? Math.floor(random.next() * count) : health.keyCursor % count;
  for (let step = 0; step < count; step++) {
    const index = (start + step) % count;
    if (excluded.includes(index) || !(keys[index] as KeyHealth).usable(now)) continue;
    if (rotation === 'round_robin') health.keyCursor = index + 1;
    return index;
  }
  let best = -1;
  let bestAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    if (excluded.includes(index)) continue;
    const at = (keys[index] as KeyHealth).availableAt();
    if (at < bestAt) {
      best = index;
      bestAt = at;
    }
  }
  return best;
}
