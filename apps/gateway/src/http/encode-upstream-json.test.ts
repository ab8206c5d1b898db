import { describe, expect, it } from 'vitest';
import { encodeUpstreamJson, isJsonAtLeast } from './encode-upstream-json';
import { OFF_THREAD_JSON_BYTES } from './read-json';

describe('isJsonAtLeast', () => {
  it('tells a body from its JSON length, whatever holds the length', () => {
    expect(isJsonAtLeast({ messages: [{ content: 'x'.repeat(100) }] }, 100)).toBe(true);
    expect(isJsonAtLeast({ messages: [{ content: 'x'.repeat(100) }] }, 1_000)).toBe(false);
    expect(isJsonAtLeast({ ['k'.repeat(500)]: 1 }, 400)).toBe(true);
    expect(isJsonAtLeast({ values: Array.from({ length: 500 }, () => 1) }, 1_000)).toBe(true);
    const tree = (level: number): unknown =>
      level === 0 ? 'leaf' : [tree(level - 1), tree(level - 1)];
    expect(isJsonAtLeast(tree(12), 10_000)).toBe(true);
    expect(isJsonAtLeast(tree(4), 10_000)).toBe(false);
    expect(isJsonAtLeast('short', 10)).toBe(false);
    expect(isJsonAtLeast(null, 1)).toBe(true);
  });
});

describe('encodeUpstreamJson', () => {
  it('is JSON.stringify, in the worker from OFF_THREAD_JSON_BYTES on', async () => {
    const small = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
    expect(await encodeUpstreamJson(small)).toBe(JSON.stringify(small));
    // Every script, escapes, a lone surrogate (written as \ud800 by JSON.stringify) and a
    // field whose value is undefined (left out by JSON.stringify, kept by a clone).
    const text = '网关 "quoted" \\ 🎉 \u2028 \n \ud800 '.repeat(OFF_THREAD_JSON_BYTES / 16);
    const large = {
      model: 'gpt-4o',
      skipped: undefined,
      messages: [{ role: 'user', content: text }],
    };
    const encoded = await encodeUpstreamJson(large);
    expect(encoded).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(encoded as Uint8Array).equals(Buffer.from(JSON.stringify(large)))).toBe(
      true,
    );
  });
});
