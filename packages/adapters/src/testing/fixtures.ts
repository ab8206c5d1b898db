import { readFileSync } from 'node:fs';
import type { RawStreamMessage } from '../spec/provider-adapter';

/** Reads a fixture file as text. */
export function readFixture(path: string | URL): string {
  return readFileSync(path, 'utf8');
}

/**
 * Loads a `.chunks.jsonl` capture (one decoded event payload per line) as raw messages.
 * Anthropic payloads carry their event name in `type`, which SSE would repeat in `event:`.
 */
export function loadChunksJsonl(path: string | URL, eventField?: string): RawStreamMessage[] {
  return readFixture(path)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (!eventField) return { data: line };
      const event = (JSON.parse(line) as Record<string, unknown>)[eventField];
      return typeof event === 'string' ? { event, data: line } : { data: line };
    });
}

/** Splits bytes at the given offsets, to feed a stream reader awkward chunk boundaries. */
export function splitBytes(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.filter((o) => o > 0 && o < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

/** An async iterable over pieces, as a network body would deliver them. */
export async function* chunkAt(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}
