import { describe, expect, it } from 'vitest';
import { encodeUtf8InSlices } from './encode-utf8-in-slices';

describe('encodeUtf8InSlices', () => {
  it('writes what TextEncoder writes, surrogate pairs across slice ends and lone ones included', async () => {
    const texts = [
      '',
      'plain',
      // A pair straddling the 262,144th code unit, where the first slice would end.
      `${'a'.repeat(262_143)}🎉${'b'.repeat(10)}`,
      `${'网关'.repeat(200_000)}${'🎉'.repeat(150_000)}`,
      `${'x'.repeat(262_143)}\ud83d${'y'.repeat(5)}\ude00z`,
    ];
    for (const text of texts) {
      const expected = new TextEncoder().encode(text);
      expect(Buffer.concat(await encodeUtf8InSlices(text)).equals(Buffer.from(expected))).toBe(
        true,
      );
    }
  });

  it('lets timers run between slices of a long text', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await encodeUtf8InSlices('网'.repeat(4 * 1024 * 1024));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
