import type { Candidate } from '../channel-index';
import type { SelectionStrategy } from './selection-strategy';
import { pickWeighted } from './weighted';

/**
 * Least latency by "power of two choices": draw two candidates by weight and keep the one with
 * the lower time-to-first-byte EWMA. Always sending to the single fastest channel would pile
 * every request onto it and let the others' figures go stale; two choices still favour fast
 * channels strongly while spreading load. A channel without a figure counts as 0, so new
 * channels get measured.
 */
export const leastLatencyStrategy: SelectionStrategy = {
  name: 'least-latency',
  pick(candidates, count, random) {
    if (count === 1) return 0;
    const first = pickWeighted(candidates, count, random);
    const second = pickWeighted(candidates, count, random);
    return latencyOf(candidates[second] as Candidate) < latencyOf(candidates[first] as Candidate)
      ? second
      : first;
  },
};

function latencyOf(candidate: Candidate): number {
  return candidate.latencyMs ?? 0;
}
