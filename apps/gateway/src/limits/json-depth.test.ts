import { describe, expect, it } from 'vitest';
import { checkJsonShape, jsonShapeLimits } from './json-breadth';

// The depth cap of `checkJsonShape`, with the default breadth caps. Written as text for
// reading; the check takes the UTF-8 bytes a body arrives as.
const exceedsJsonDepth = (text: string, maxDepth: number) => {
  const refused = checkJsonShape(new TextEncoder().encode(text), jsonShapeLimits(maxDepth));
  if (refused?.refusal === 'too-broad') throw new Error(`not a depth test: ${refused.detail}`);
  return refused?.refusal === 'too-deep';
};

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('checkJsonShape: depth', () => {
  it('counts arrays and objects alike, up to the limit inclusive', () => {
    expect(exceedsJsonDepth(nested(3), 3)).toBe(false);
    expect(exceedsJsonDepth(nested(4), 3)).toBe(true);
    expect(exceedsJsonDepth('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(exceedsJsonDepth('{"a":{"b":[{}]}}', 3)).toBe(true);
  });

  it('measures depth, not the number of containers', () => {
    const wide = JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1, { b: 2 }] })));
    expect(exceedsJsonDepth(wide, 4)).toBe(false);
    expect(exceedsJsonDepth(wide, 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: '[[[[{{{{ "quoted [[[" \\ ]]]] \\"[[[' }],
    });
    expect(exceedsJsonDepth(body, 3)).toBe(false);
    // A string ending in a backslash: the closing quote after it still ends the string.
    expect(exceedsJsonDepth(JSON.stringify(['\\', '[[[[[[']), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify(['\\"[[[[', [[]]]), 2)).toBe(true);
  });

  it('stops early on a 100,000-deep body', () => {
    expect(exceedsJsonDepth(nested(100_000), 64)).toBe(true);
    expect(exceedsJsonDepth('{"a":'.repeat(100_000), 64)).toBe(true);
  });

  it('agrees with the real depth of random JSON', () => {
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null
        ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
        : 0;
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const strings = ['[', ']', '{', '}', '"', '\\', 'a', '\\"[', '\u2028'];
    const generate = (level: number): unknown => {
      const pick = random();
      if (level > 6 || pick < 0.3) return strings[Math.floor(random() * strings.length)];
      if (pick < 0.65)
        return Array.from({ length: Math.floor(random() * 4) }, () => generate(level + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}[`, generate(level + 1)]),
      );
    };
    for (let round = 0; round < 500; round++) {
      const value = generate(0);
      const text = JSON.stringify(value);
      const depth = depthOf(value);
      expect(exceedsJsonDepth(text, depth)).toBe(false);
      if (depth > 0) expect(exceedsJsonDepth(text, depth - 1)).toBe(true);
    }
  });
});
