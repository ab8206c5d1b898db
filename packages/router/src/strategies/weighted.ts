import type { Candidate } from '../channel-index';
import type { Random } from '../random';
import type { SelectionStrategy } from './selection-strategy';

/**
 * The default: random in proportion to weight, exactly as the admin set it (weights 3 and 1
 * share 3:1). A weight of 0 beside positive ones is never drawn, so it serves only once they
 * have been tried; when every weight is 0 the draw is uniform.
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
