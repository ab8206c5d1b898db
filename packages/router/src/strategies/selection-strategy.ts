import type { Candidate } from '../channel-index';
import type { Random } from '../random';

/**
 * Chooses one channel inside a priority tier. `candidates[0..count)` are the tier's healthy,
 * not-yet-tried channels (the array may be longer: it is reused scratch space). Returns an
 * index below `count`. Must be synchronous and should not allocate: it runs on every attempt.
 */
export interface SelectionStrategy {
  readonly name: string;
  pick(candidates: readonly Candidate[], count: number, random: Random): number;
}
