import type { Candidate } from '../channel-index';
import type { SelectionStrategy } from './selection-strategy';

/**
 * Least cost: the candidate with the lowest `channel.cost` (missing cost counts as most
 * expensive); among equally cheap ones, random by weight. Failover still walks to pricier
 * channels, since tried ones are excluded.
 */
export const leastCostStrategy: SelectionStrategy = {
  name: 'least-cost',
  pick(candidates, count, random) {
    let cheapest = Number.POSITIVE_INFINITY;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const candidate = candidates[i] as Candidate;
      const cost = costOf(candidate);
      if (cost < cheapest) {
        cheapest = cost;
        total = candidate.weight;
      } else if (cost === cheapest) total += candidate.weight;
    }
    let point = random.next() * total;
    let last = 0;
    for (let i = 0; i < count; i++) {
      const candidate = candidates[i] as Candidate;
      if (costOf(candidate) !== cheapest) continue;
      last = i;
      point -= candidate.weight;
      if (point < 0) return i;
    }
    return last;
  },
};

function costOf(candidate: Candidate): number {
  return candidate.channel.cost ?? Number.POSITIVE_INFINITY;
}
