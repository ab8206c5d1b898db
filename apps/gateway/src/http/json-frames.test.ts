import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJsonFrame, type JsonFrame, splitJsonIntoFrames } from './json-frames';
import { encodeJsonOffThread, parseJsonOffThread } from './json-worker';

/** What a structured clone makes of a frame: the receiving thread's copy. */
const received = (frame: JsonFrame) => structuredClone(frame);

const rebuild = (frames: JsonFrame[]) =>
  frames.reduce<unknown>((root, frame) => applyJsonFrame(root, received(frame)), undefined);

/** Values in a value, itself included. */
function countValues(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  return 1 + Object.values(value).reduce<number>((sum, item) => sum + countValues(item), 0);
}

/** Values a frame carries, given the value it rebuilds (to tell array runs from key runs). */
function valuesIn(frame: JsonFrame, whole: unknown): number {
  let count = 0;
  for (const [path, , items] of frame) {
    if (path === null) {
      count += countValues(items);
      continue;
    }
    const container = path.reduce<unknown>(
      (at, key) => (at as Record<string, unknown>)[key],
      whole,
    );
    const run = items as unknown[];
    // An object's run alternates keys and values; keys are not values.
    for (
      let i = Array.isArray(container) ? 0 : 1;
      i < run.length;
      i += Array.isArray(container) ? 1 : 2
    )
      count += countValues(run[i]);
  }
  return count;
}

describe('splitJsonIntoFrames and applyJsonFrame', () => {
  it('rebuild any JSON value exactly, key order and __proto__ keys included', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.integer({ min: 2, max: 40 }),
        (value, budget) => {
          const frames = [...splitJsonIntoFrames(value, budget)];
          const rebuilt = rebuild(frames);
          // JSON text compares key order too; toEqual compares own keys named __proto__.
          expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(value));
          expect(rebuilt).toEqual(value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keep a key named __proto__ an own key, not the prototype', () => {
    const value = JSON.parse(
      `{"a":[${Array.from({ length: 30 }, () => '{"__proto__":{"x":1},"b":2}').join(',')}]}`,
    );
    const rebuilt = rebuild([...splitJsonIntoFrames(value, 5)]) as { a: object[] };
    expect(Object.getPrototypeOf(rebuilt.a[29])).toBe(Object.prototype);
    expect(Object.keys(rebuilt.a[29]!)).toEqual(['__proto__', 'b']);
  });

  it('cut a broad body into frames of about the budget, each a few values over at most', () => {
    const messages = Array.from({ length: 20_000 }, (_, index) => ({
      role: index % 2 ? 'assistant' : 'user',
      content: [{ type: 'text', text: `turn ${index}` }],
    }));
    const body = { model: 'm', messages, tools: [{ name: 't', input_schema: { type: 'object' } }] };
    const frames = [...splitJsonIntoFrames(body, 1_000)];
    // 20,000 turns of 6 values: 120,000 values in frames of at most 1,000 (and a shell or two).
    expect(frames.length).toBeGreaterThanOrEqual(120);
    for (const frame of frames) expect(valuesIn(frame, body)).toBeLessThanOrEqual(1_002);
    expect(rebuild(frames)).toEqual(body);
  });

  it('send a small value as one frame holding it whole', () => {
    const value = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    expect([...splitJsonIntoFrames(value, 100)]).toEqual([[[null, 0, value]]]);
  });
});

/** This thread's CPU time in ms (Linux), else the wall clock. */
function threadClockMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.now();
  }
}

/**
 * The longest this thread works without a timer running while `run` goes, in the least of
 * three runs (a garbage collection in one does not count), and each run's result, to be
 * checked once the clock has stopped.
 */
async function longestPauseWhile<T>(run: () => Promise<T>): Promise<[number, T[]]> {
  const longestPauses: number[] = [];
  const results: T[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    let last = threadClockMs();
    let longest = 0;
    const tick = () => {
      const now = threadClockMs();
      longest = Math.max(longest, now - last);
      last = now;
    };
    const ticker = setInterval(tick, 0);
    results.push(await run());
    clearInterval(ticker);
    tick(); // the work since the last timer, the last frame included
    longestPauses.push(longest);
  }
  return [Math.min(...longestPauses), results];
}

/** What `work` costs this thread in one call, the least of three. */
function leastCostMs(work: () => unknown): number {
  return Math.min(
    ...[1, 2, 3].map(() => {
      const started = threadClockMs();
      work();
      return threadClockMs() - started;
    }),
  );
}

describe('parseJsonOffThread', () => {
  it('hands a broad body back in frames: the loop never waits for the whole value', async () => {
    const body = {
      model: 'm',
      messages: Array.from({ length: 100_000 }, (_, index) => ({
        role: 'user',
        content: `${index}`,
      })),
    };
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    const limits = {
      maxDepth: 64,
      maxObjectKeys: 1_000,
      maxValues: 310_000,
      maxObjects: 1_000_000,
    };
    await parseJsonOffThread(bytes, limits, false); // the worker started, the code warm
    // What receiving the value whole costs this thread in one call (before frames): the
    // deserializing half of a structured clone.
    const serialized = serialize(body);
    const wholeCloneMs = leastCostMs(() => deserialize(serialized));
    const [longest, parsed] = await longestPauseWhile(() =>
      parseJsonOffThread(bytes, limits, false),
    );
    for (const each of parsed) {
      expect(each).toMatchObject({ ok: true });
      expect((each as { json: unknown }).json).toEqual(body);
    }
    // 300,000 values in frames of 8,192: no turn takes more than a small part of the whole.
    expect(longest).toBeLessThan(wholeCloneMs / 2);
  });
});

describe('encodeJsonOffThread', () => {
  it('hands a broad value over in frames and encodes exactly what JSON.stringify writes', async () => {
    // An Anthropic request of 40,000 turns, as the adapters build it: 200,000 values.
    const request = {
      model: 'claude',
      messages: Array.from({ length: 40_000 }, (_, index) => ({
        role: index % 2 ? 'assistant' : 'user',
        content: [{ type: 'text', text: `turn ${index} \u00e9 \ud83d\ude00 "quoted"` }],
      })),
      system: undefined,
    };
    const expected = new TextEncoder().encode(JSON.stringify(request));
    await encodeJsonOffThread(request); // the worker started, the code warm
    // What handing the value over whole costs this thread in one call (before frames): the
    // serializing half of a structured clone.
    const wholeCloneMs = leastCostMs(() => serialize(request));
    const [longest, encoded] = await longestPauseWhile(() => encodeJsonOffThread(request));
    for (const each of encoded) expect(Buffer.from(each).equals(Buffer.from(expected))).toBe(true);
    expect(longest).toBeLessThan(wholeCloneMs / 2);
  });
});
