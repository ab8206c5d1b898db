import type { Candidate } from '../channel-index';
import type { SelectionStrategy } from './selection-strategy';

/**
 * Least cost: the candidate with the lowest `channel.cost` (missing cost counts as most
 * expensive); among equally cheap ones, random by weight (uniform when their weights are
 * all 0). Failover still walks to pricier channels, since tried ones are excluded.
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
    // Weights all 0: every cheapest candidate counts 1.
    const even = total <= 0;
    const cheapestCount = even ? countCheapest(candidates, count, cheapest) : 0;
    let point = random.next() * (even ? cheapestCount : total);
    let last = 0;
    for (let i = 0; i < count; i++) {
      const candidate = candidates[i] as Candidate;
      if (costOf(candidate) !== cheapest) continue;
      last = i;
      point -= even ? 1 : candidate.weight;
      if (point < 0) return i;
    }
    return last;
  },
};

function countCheapest(candidates: readonly Candidate[], count: number, cheapest: number): number {
  let cheapestCount = 0;
  for (let i = 0; i < count; i++)
    if (costOf(candidates[i] as Candidate) === cheapest) cheapestCount++;
  return cheapestCount;
}

function costOf(candidate: Candidate): number {
  return candidate.channel.cost ?? Number.POSITIVE_INFINITY;
}
