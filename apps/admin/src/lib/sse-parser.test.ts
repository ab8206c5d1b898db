import { describe, expect, it } from 'vitest';
import { createSseParser, type SseFrame } from './sse-parser';

/** Feeds `text` in pieces of `size` characters and collects every frame. */
function parseInPieces(text: string, size: number): SseFrame[] {
  const parser = createSseParser();
  const frames: SseFrame[] = [];
  for (let at = 0; at < text.length; at += size)
    frames.push(...parser.push(text.slice(at, at + size)));
  return [...frames, ...parser.end()];
}

describe('createSseParser', () => {
  it('splits frames on blank lines and joins data lines', () => {
    const text = 'data: one\n\ndata: two\ndata: lines\n\nevent: error\ndata: {"x":1}\n\n';
    expect(parseInPieces(text, 1000)).toEqual([
      { event: 'message', data: 'one' },
      { event: 'message', data: 'two\nlines' },
      { event: 'error', data: '{"x":1}' },
    ]);
  });

  it('gives the same frames whatever the chunk boundaries, CRLF included', () => {
    const text = ': keep-alive\r\n\r\ndata: a\r\ndata:b\r\n\r\ndata:  spaced\r\rdata: c\n\n';
    const whole = parseInPieces(text, text.length);
    expect(whole).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'message', data: ' spaced' },
      { event: 'message', data: 'c' },
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(parseInPieces(text, size)).toEqual(whole);
  });

  it('ignores comments, unknown fields and frames without data', () => {
    const text = ': keep-alive\n\nid: 7\nretry: 100\n\nfoo: bar\ndata\n\n';
    expect(parseInPieces(text, 4)).toEqual([{ event: 'message', data: '' }]);
  });

  it('returns a last frame left without its blank line when the stream ends', () => {
    const parser = createSseParser();
    expect(parser.push('data: [DONE]')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'message', data: '[DONE]' }]);
  });
});
