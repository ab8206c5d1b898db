/** Uniform random numbers in [0, 1); injectable so that selection can be replayed from a seed. */
export interface Random {
  next(): number;
}

export const systemRandom: Random = { next: Math.random };

/**
 * A seeded generator (mulberry32): fast, 32-bit state, good enough for load balancing and
 * chi-square tests; not for secrets.
 */
export function createSeededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
