import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import { AdapterError } from '../../spec/adapter-error';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, splitBytes } from '../../testing/fixtures';
import './bedrock-adapter'; // registers the 'aws-eventstream' reader, as importing the adapter does
import {
  concatBytes,
  decodeMessages,
  encodeExceptionFrame,
  encodeFrame,
  loadFrameMessages,
} from './testing/bedrock-test-fixtures';

const FIXTURES = [
  'converse-stream-text.chunks.jsonl',
  'converse-stream-reasoning.chunks.jsonl',
  'converse-stream-tool-use.chunks.jsonl',
  'converse-stream-tool-no-args.chunks.jsonl',
];

async function readAll(pieces: readonly Uint8Array[]): Promise<RawStreamMessage[]> {
  const messages: RawStreamMessage[] = [];
  for await (const message of readStreamMessages(chunkAt(pieces), 'aws-eventstream')) {
    messages.push(message);
  }
  return messages;
}

async function readError(pieces: readonly Uint8Array[]): Promise<AdapterError> {
  const error = await readAll(pieces).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

describe('readAwsEventStream through readStreamMessages', () => {
  it.each(FIXTURES)('reads the frames of %s back as {event, data}', async (name) => {
    const messages = loadFrameMessages(name);
    const body = concatBytes(messages.map(encodeFrame));
    expect(await readAll([body])).toEqual(messages);
  });

  it.each(FIXTURES)('gives the same events for %s split one byte at a time', async (name) => {
    const messages = loadFrameMessages(name);
    const body = concatBytes(messages.map(encodeFrame));
    const offsets = Array.from({ length: body.length }, (_, offset) => offset);
    const split = decodeMessages(await readAll(splitBytes(body, offsets)));
    expect(split).toEqual(decodeMessages(messages));
  });

  it('gives the same events wherever the bytes are split (prelude, headers, payload, CRC)', async () => {
    const messages = loadFrameMessages('converse-stream-tool-use.chunks.jsonl');
    const body = concatBytes(messages.map(encodeFrame));
    const expected = decodeMessages(messages);
    const headersLength = new DataView(body.buffer, body.byteOffset).getUint32(4, false);
    // Every cut inside the first frame's 12-byte prelude and its headers, one at a time.
    for (let offset = 1; offset < 12 + headersLength; offset++) {
      expect(decodeMessages(await readAll(splitBytes(body, [offset])))).toEqual(expected);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 40 }),
        async (offsets) => {
          expect(decodeMessages(await readAll(splitBytes(body, offsets)))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('readAwsEventStream failures', () => {
  const start = encodeFrame({ event: 'messageStart', data: '{"role":"assistant"}' });

  it('turns an exception frame into a message the decoder reports as an error', async () => {
    const body = concatBytes([
      start,
      encodeExceptionFrame('throttlingException', '{"message":"Too many requests"}'),
    ]);
    const messages = await readAll(splitBytes(body, [5, start.length + 3]));
    expect(messages[1]).toEqual({
      event: 'throttlingException',
      data: '{"message":"Too many requests"}',
    });
    const [, error] = decodeMessages(messages);
    expect(error).toMatchObject({ type: 'error', error: { code: 'rate_limited' } });
    expect(error?.type === 'error' && error.error.message).toContain('Too many requests');
  });

  it('turns a protocol error frame into an upstream server error', async () => {
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const frame = codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'error' },
        ':error-code': { type: 'string', value: 'InternalFailure' },
        ':error-message': { type: 'string', value: 'boom' },
      },
      body: new Uint8Array(0),
    });
    const [event] = decodeMessages(await readAll([frame]));
    expect(event).toMatchObject({ type: 'error', error: { code: 'upstream_server_error' } });
    expect(event?.type === 'error' && event.error.message).toContain('InternalFailure: boom');
  });

  it('rejects a frame whose message CRC is wrong with upstream_bad_response', async () => {
    const corrupt = start.slice();
    corrupt[corrupt.length - 6]! ^= 0xff; // a payload byte: the message CRC no longer matches
    const error = await readError([corrupt]);
    expect(error.code).toBe('upstream_bad_response');
    expect(error.message).toMatch(/checksum/i);
  });

  it('rejects a corrupt prelude and an impossible length', async () => {
    const corrupt = start.slice();
    corrupt[9]! ^= 0x01; // the prelude CRC
    expect((await readError([corrupt])).code).toBe('upstream_bad_response');
    const huge = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
    expect((await readError([huge])).code).toBe('upstream_bad_response');
  });

  it('rejects a body that ends inside a frame', async () => {
    const error = await readError([start, start.subarray(0, 20)]);
    expect(error.code).toBe('upstream_bad_response');
    expect(error.message).toContain('20 bytes left over');
  });
});
