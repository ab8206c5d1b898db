import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonByteBound } from './json-byte-bound';

const stringifiedBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
});

/** JSON data as a parsed body holds it, with strings that need every kind of escape. */
const jsonData = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyCodeUnits,
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(anyCodeUnits, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('jsonByteBound', () => {
  it('is exactly the UTF-8 bytes of JSON.stringify for JSON data', async () => {
    await fc.assert(
      fc.asyncProperty(jsonData, async (value) => {
        expect(await jsonByteBound(value)).toBe(stringifiedBytes(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts every kind of escape and lone surrogates as JSON.stringify writes them', async () => {
    for (const text of [
      '"\\',
      '\b\f\n\r\t',
      '\u0000\u0007\u000b\u001f',
      '\ud800',
      'a\udc00b',
      '😀',
      '\ud83d\ude00\ud83d',
    ])
      expect(await jsonByteBound({ [text]: [text] })).toBe(stringifiedBytes({ [text]: [text] }));
  });

  it('stays above JSON.stringify where it leaves things out', async () => {
    const value = { kept: 1, dropped: undefined, list: [undefined, () => 1], when: new Date(0) };
    expect(await jsonByteBound(value)).toBeGreaterThanOrEqual(stringifiedBytes(value));
  });

  it('lets timers run while it walks a large value', async () => {
    const wide = Array.from({ length: 1_000 }, () =>
      Array.from({ length: 1_000 }, (_, index) => `value ${index}`),
    );
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const walking = jsonByteBound(wide).then((bytes) => ({ bytes, timerRanFirst: timerRan }));
    expect(await walking).toEqual({ bytes: stringifiedBytes(wide), timerRanFirst: true });
  });

  it('walks a deep value without recursion', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(await jsonByteBound(deep)).toBe(6 + 2 * 100_000);
  });
});
