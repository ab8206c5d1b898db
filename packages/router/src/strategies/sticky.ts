import type { Candidate } from '../channel-index';

/**
 * Sticky routing by session key, for providers' prompt caches: weighted rendezvous hashing.
 * Each (session, channel) pair gets a score; the highest wins. The same session lands on the
 * same channel for as long as it stays healthy, across gateway instances and without shared
 * state; removing a channel moves only its own sessions; shares across sessions follow weights.
 */
export function pickSticky(
  candidates: readonly Candidate[],
  count: number,
  sessionHash: number,
): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  // All weights 0: equal shares, as in the weighted draw (every score would be 0).
  let total = 0;
  for (let i = 0; i < count; i++) total += (candidates[i] as Candidate).weight;
  for (let i = 0; i < count; i++) {
    const candidate = candidates[i] as Candidate;
    const mixed = mix32(sessionHash ^ Math.imul(candidate.channel.id | 0, 0x9e3779b1));
    // Uniform in (0, 1); -weight / ln(u) is the weighted rendezvous score.
    const uniform = (mixed + 0.5) / 4294967296;
    const score = -(total > 0 ? candidate.weight : 1) / Math.log(uniform);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** FNV-1a over UTF-16 code units: computed once per dispatch. */
export function hashSessionKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finalizer: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
