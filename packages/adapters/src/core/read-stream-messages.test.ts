import { describe, expect, it } from 'vitest';
import { readStreamMessages } from './read-stream-messages';

async function* inPieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function readAll(text: string, size: number, framing: 'sse' | 'ndjson') {
  const messages = [];
  for await (const message of readStreamMessages(inPieces(text, size), framing))
    messages.push(message);
  return messages;
}

describe('stream framing', () => {
  it('splits NDJSON on newlines however the bytes were cut, multi-byte characters included', async () => {
    const lines = ['{"a":1}', '{"text":"网关 😀"}', '{"b":[2,3]}'];
    const text = `${lines.join('\n')}\n\n  \n${lines[0]}`;
    for (const size of [1, 2, 3, 5, 64])
      expect((await readAll(text, size, 'ndjson')).map((message) => message.data)).toEqual([
        ...lines,
        lines[0],
      ]);
  });

  it('reads one line of a megabyte arriving in a thousand reads, whole', async () => {
    const line = `{"text":"${'x'.repeat(1_000_000)}"}`;
    for (const framing of ['ndjson', 'sse'] as const) {
      const text = framing === 'sse' ? `data: ${line}\n\n` : `${line}\n{"end":true}\n`;
      const messages = await readAll(text, 1_000, framing);
      expect(messages[0]!.data).toBe(line);
    }
  });
});
