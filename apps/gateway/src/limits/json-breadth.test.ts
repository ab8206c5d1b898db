import { describe, expect, it } from 'vitest';
import {
  checkJsonShape,
  type JsonShapeLimits,
  jsonShapeLimits,
  MAX_JSON_OBJECTS,
  MAX_JSON_VALUES,
} from './json-breadth';

// The breadth caps of `checkJsonShape`: why a body is too broad, or undefined; a body refused
// as too deep fails the test. Written as text for reading; the check takes the UTF-8 bytes a
// body arrives as.
const describeJsonBreadthExcess = (text: string, limits: JsonShapeLimits) => {
  const refused = checkJsonShape(new TextEncoder().encode(text), limits);
  if (refused?.refusal === 'too-deep') throw new Error('refused as too deep');
  return refused?.detail;
};

const limits = { maxDepth: 64, maxObjectKeys: 3, maxValues: 10, maxObjects: 5 };
const objectOf = (keys: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i])));

describe('checkJsonShape: breadth', () => {
  it('counts the keys of each object, up to the limit inclusive', () => {
    expect(describeJsonBreadthExcess(objectOf(3), limits)).toBeUndefined();
    expect(describeJsonBreadthExcess(objectOf(4), limits)).toMatch(/more than 3 keys/);
    // Keys of nested objects count for their own object, not their parent.
    expect(describeJsonBreadthExcess(`{"a":${objectOf(3)},"b":[${objectOf(3)}]}`, limits)).toBe(
      undefined,
    );
    expect(describeJsonBreadthExcess(`{"a":[1,${objectOf(4)}]}`, limits)).toMatch(/keys/);
  });

  it('counts values in all, array elements included', () => {
    expect(describeJsonBreadthExcess(JSON.stringify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), limits)).toBe(
      undefined,
    );
    expect(
      describeJsonBreadthExcess(JSON.stringify([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 11]), limits),
    ).toMatch(/more than 10 values/);
  });

  it('counts objects in all, nested ones included', () => {
    expect(describeJsonBreadthExcess('[{},{"a":{}},{}]', limits)).toBeUndefined();
    expect(describeJsonBreadthExcess('[{},{"a":{"b":{}}},{},{}]', limits)).toMatch(
      /more than 5 objects/,
    );
    // Arrays are not objects: token arrays and lists of strings are measured in values.
    expect(describeJsonBreadthExcess('[[],[],[[]],[],[],[]]', limits)).toBeUndefined();
  });

  it('passes a conversation of the default cap in objects and refuses one more', () => {
    // A chat of MAX_JSON_OBJECTS - 1 turns: the turns and the body itself.
    const chat = (turns: number) =>
      JSON.stringify({
        model: 'gpt-4o',
        messages: Array.from({ length: turns }, (_, i) => ({ role: 'user', content: `${i}` })),
      });
    expect(describeJsonBreadthExcess(chat(MAX_JSON_OBJECTS - 1), jsonShapeLimits(64))).toBe(
      undefined,
    );
    expect(describeJsonBreadthExcess(chat(MAX_JSON_OBJECTS), jsonShapeLimits(64))).toMatch(
      new RegExp(`more than ${MAX_JSON_OBJECTS} objects`),
    );
  });

  it('ignores colons, commas and brackets inside strings', () => {
    const text = JSON.stringify({
      a: '{"x":1,"y":2,"z":3,"w":4}',
      b: ',,,,,,,,,,,,',
      c: '\\"{{{{{{',
    });
    expect(describeJsonBreadthExcess(text, limits)).toBeUndefined();
  });

  it('refuses a million-key object and passes a large ordinary chat, with the default limits', () => {
    const million = `{${Array.from({ length: 1_000_000 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;
    expect(describeJsonBreadthExcess(million, jsonShapeLimits(64))).toMatch(/more than 1000 keys/);
    const chat = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: Array.from({ length: 5_000 }, (_, i) => ({ role: 'user', content: `m${i}, : {` })),
      logit_bias: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [String(i), -100])),
    });
    expect(describeJsonBreadthExcess(chat, jsonShapeLimits(64))).toBeUndefined();
  });

  it('passes the largest embeddings request OpenAI takes and refuses a body past the values cap', () => {
    const tokens = (count: number) =>
      JSON.stringify({
        model: 'text-embedding-3-small',
        input: Array.from({ length: count / 1_000 }, () => Array.from({ length: 1_000 }, () => 9)),
        encoding_format: 'float',
      });
    expect(describeJsonBreadthExcess(tokens(300_000), jsonShapeLimits(64))).toBeUndefined();
    expect(describeJsonBreadthExcess(tokens(MAX_JSON_VALUES), jsonShapeLimits(64))).toMatch(
      new RegExp(`more than ${MAX_JSON_VALUES} values`),
    );
    // 840,000 short strings in a tool schema (20 MiB) held the loop 65-170 ms while they were
    // handed from the parsing worker and on to the encoding one: refused before parsing now.
    const schema = JSON.stringify({
      model: 'gpt-4o',
      tools: [
        {
          type: 'function',
          function: {
            name: 'deep',
            parameters: { enum: Array.from({ length: 840_000 }, (_, i) => `leaf${i % 10}`) },
          },
        },
      ],
    });
    expect(describeJsonBreadthExcess(schema, jsonShapeLimits(64))).toMatch(/values/);
  });

  it('stops at the first excess in the text, depth or breadth, with a bounded stack', () => {
    const check = (text: string, limitsOf: JsonShapeLimits) =>
      checkJsonShape(new TextEncoder().encode(text), limitsOf);
    const deep = `${'['.repeat(100_000)}${'1,'.repeat(20)}1${']'.repeat(100_000)}`;
    expect(check(deep, limits)).toEqual({ refusal: 'too-deep' });
    expect(check(`[[${'1,'.repeat(20)}1]]`, { ...limits, maxDepth: 2 })).toEqual({
      refusal: 'too-broad',
      detail: 'The request body has more than 10 values',
    });
    // Too broad before too deep, and the other way round.
    expect(check(`[${'1,'.repeat(20)}[[[1]]]]`, { ...limits, maxDepth: 2 })?.refusal).toBe(
      'too-broad',
    );
    expect(check(`[[[1]],${'1,'.repeat(20)}1]`, { ...limits, maxDepth: 2 })?.refusal).toBe(
      'too-deep',
    );
  });
});
