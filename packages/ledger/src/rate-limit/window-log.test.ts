import { describe, expect, it } from 'vitest';
import { WindowLog } from './window-log';

/** The plain form the ring replaces: an array of entries, oldest first. */
function modelOf(entries: Array<{ at: number; cost: number }>) {
  return {
    total: entries.reduce((sum, entry) => sum + entry.cost, 0),
    newestAt: entries.at(-1)?.at,
    countedAtFreeing(excess: number) {
      let left = excess;
      for (const entry of entries) {
        left -= entry.cost;
        if (left <= 0) return entry.at;
      }
      return undefined;
    },
  };
}

describe('WindowLog', () => {
  it('answers as a plain list of entries would, through growth, wrap-around and shrinking', () => {
    const log = new WindowLog();
    let entries: Array<{ at: number; cost: number }> = [];
    let at = 0;
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    // Bursts of up to 300 pushes (growing past 16, 32, ... 256) between cut-offs that drop
    // part or all of the log (shrinking it, and leaving its head mid-array).
    for (let round = 0; round < 400; round++) {
      const pushes = Math.floor(random() * 300);
      for (let index = 0; index < pushes; index++) {
        at += 1 + Math.floor(random() * 3);
        const cost = 1 + Math.floor(random() * 1_000);
        log.push(at, cost);
        entries.push({ at, cost });
      }
      const cutoff = at - Math.floor(random() * 400);
      log.dropUntil(cutoff);
      entries = entries.filter((entry) => entry.at > cutoff);
      const model = modelOf(entries);
      expect(log.size).toBe(entries.length);
      expect(log.total).toBe(model.total);
      expect(log.newestAt).toBe(model.newestAt);
      for (const excess of [1, 500, 5_000, model.total, model.total + 1]) {
        expect(log.countedAtFreeing(excess)).toBe(model.countedAtFreeing(excess));
      }
    }
  });

  it('is empty, with nothing to free, before its first push and after its last drop', () => {
    const log = new WindowLog();
    expect(log.newestAt).toBeUndefined();
    expect(log.countedAtFreeing(1)).toBeUndefined();
    log.push(10, 3);
    log.push(20, 4);
    expect(log.countedAtFreeing(5)).toBe(20);
    log.dropUntil(20);
    expect([log.size, log.total, log.newestAt]).toEqual([0, 0, undefined]);
  });
});
