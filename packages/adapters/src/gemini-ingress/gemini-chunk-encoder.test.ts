import { describe, expect, it } from 'vitest';
import { collectStream } from '../core/collect-stream';
import { readStreamMessages } from '../core/read-stream-messages';
import { fromGeminiResponse } from '../providers/gemini/from-gemini-response';
import { createGeminiStreamDecoder } from '../providers/gemini/gemini-stream-decoder';
import { readRecording } from '../providers/gemini/testing/gemini-test-support';
import { AdapterError } from '../spec/adapter-error';
import { chatRequestSchema } from '../spec/openai-chat-request';
import type { StreamEvent } from '../spec/stream-event';
import { chunkAt, readFixture } from '../testing/fixtures';
import { createGeminiChunkEncoder, type GeminiStreamFraming } from './gemini-chunk-encoder';
import { toGeminiResponse } from './to-gemini-response';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const request = chatRequestSchema.parse({
  model: 'gemini-3-pro-preview',
  stream: true,
  messages: [{ role: 'user', content: 'x' }],
});

/** A recorded Gemini SSE body as canonical events, through the Gemini channel's decoder. */
async function decodeRecordedStream(name: string): Promise<StreamEvent[]> {
  const decoder = createGeminiStreamDecoder(request);
  const events: StreamEvent[] = [];
  const bytes = new TextEncoder().encode(readFixture(fixture(name)));
  for await (const message of readStreamMessages(chunkAt([bytes]), 'sse'))
    events.push(...decoder.decode(message));
  events.push(...decoder.end());
  return events;
}

function encodeAll(events: StreamEvent[], framing: GeminiStreamFraming): string {
  const encoder = createGeminiChunkEncoder({ model: 'gemini-3-pro-preview', framing });
  return [...events.flatMap((event) => encoder.encode(event)), ...encoder.end()].join('');
}

const sseChunks = (body: string) =>
  body
    .split('\r\n\r\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => JSON.parse(frame.slice('data: '.length)));

describe('Gemini chunk encoder', () => {
  it('gives a Gemini client back the recorded call, signature and usage of a Gemini stream', async () => {
    const recorded = sseChunks(
      readFixture(fixture('thought-signature-stream-function-call.sse')).replaceAll(
        '\n\n',
        '\r\n\r\n',
      ),
    );
    const chunks = sseChunks(
      encodeAll(await decodeRecordedStream('thought-signature-stream-function-call.sse'), 'sse'),
    );
    const callParts = chunks.flatMap((chunk) =>
      chunk.candidates[0].content.parts.filter(
        (part: { functionCall?: unknown }) => part.functionCall,
      ),
    );
    const recordedPart = recorded[0].candidates[0].content.parts[0];
    expect(callParts).toHaveLength(1);
    expect(callParts[0].thoughtSignature).toBe(recordedPart.thoughtSignature);
    expect(callParts[0].functionCall).toMatchObject(recordedPart.functionCall);
    // thoughtsTokenCount stays apart from candidatesTokenCount, as Gemini counts it.
    const last = chunks.at(-1);
    expect(last.usageMetadata).toEqual({
      promptTokenCount: 29,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 202,
      totalTokenCount: 241,
    });
    expect(last.candidates[0].finishReason).toBe('STOP');
  });

  it('frames one JSON array without alt=sse', () => {
    const body = encodeAll(
      [
        { type: 'text-delta', choice: 0, text: 'Hel' },
        { type: 'text-delta', choice: 0, text: 'lo' },
        { type: 'finish', choice: 0, reason: 'length' },
        { type: 'usage', usage: { promptTokens: 3, completionTokens: 2 } },
      ],
      'json-array',
    );
    const chunks = JSON.parse(body);
    expect(
      chunks.map(
        (chunk: { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }) =>
          chunk.candidates[0]!.content.parts[0]!.text,
      ),
    ).toEqual(['Hel', 'lo', '']);
    expect(chunks[2]).toMatchObject({
      candidates: [{ finishReason: 'MAX_TOKENS', index: 0 }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
    });
  });

  it('ends with Gemini’s error shape when the upstream fails mid-stream', () => {
    const error = new AdapterError('upstream_stream_interrupted', 'The upstream closed the stream');
    const sse = encodeAll(
      [
        { type: 'text-delta', choice: 0, text: 'Hi' },
        { type: 'error', error },
      ],
      'sse',
    );
    expect(sseChunks(sse).at(-1)).toEqual({
      error: { code: 502, message: 'The upstream closed the stream', status: 'UNAVAILABLE' },
    });
    const array = JSON.parse(encodeAll([{ type: 'error', error }], 'json-array'));
    expect(array).toEqual([
      { error: { code: 502, message: 'The upstream closed the stream', status: 'UNAVAILABLE' } },
    ]);
  });

  it('gives streamed and buffered answers the same usage', async () => {
    const events = await decodeRecordedStream('thought-signature-stream-function-call.sse');
    const streamed = sseChunks(encodeAll(events, 'sse')).at(-1).usageMetadata;
    const { completion } = await collectStream(events, 'gemini-3-pro-preview');
    const buffered = toGeminiResponse(completion, 'gemini-3-pro-preview').usageMetadata;
    expect(buffered).toEqual(streamed);
  });
});

describe('Gemini response', () => {
  it('keeps cached and thought token counts of a Gemini answer', () => {
    const [interaction] = readRecording(fixture('recording-cached-content-token-count.json'));
    const body = interaction!.response.bodySegments[0] as { usageMetadata: object };
    const completion = fromGeminiResponse(
      body,
      chatRequestSchema.parse({ ...request, stream: false }),
    );
    expect(toGeminiResponse(completion, 'gemini-2.5-flash').usageMetadata).toEqual({
      promptTokenCount: 5,
      candidatesTokenCount: 238,
      cachedContentTokenCount: 3,
      thoughtsTokenCount: 41,
      totalTokenCount: 284,
    });
  });
});
