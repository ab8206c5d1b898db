import type { Candidate } from '../channel-index';
import type { Random } from '../random';
import type { SelectionStrategy } from './selection-strategy';

/**
 * The default: random in proportion to weight. Candidate weights already include the
 * smoothing term (One API's +10), so a weight-0 channel still gets a trickle: with weights
 * 0 and 90, shares are 10/110 and 100/110.
 */
export const weightedStrategy: SelectionStrategy = {
  name: 'weighted',
  pick: pickWeighted,
};

export function pickWeighted(
  candidates: readonly Candidate[],
  count: number,
  random: Random,
): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += (candidates[i] as Candidate).weight;
  if (total <= 0) return Math.floor(random.next() * count);
  let point = random.next() * total;
  for (let i = 0; i < count; i++) {
    point -= (candidates[i] as Candidate).weight;
    if (point < 0) return i;
  }
  return count - 1;
}
