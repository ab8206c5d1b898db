import { describe, expect, it } from 'vitest';
import type { StreamMeter } from './endpoint-spec';
import { relaySse } from './relay-sse';

const EVENTS = ['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: {"n":3}\n\n'];

/** A meter that lets every event through and counts what it saw. */
function countingMeter() {
  const seen: string[] = [];
  const meter: StreamMeter = {
    observe: (_event, data) => {
      seen.push(data);
      return true;
    },
    usage: async () => ({ promptTokens: 0, completionTokens: 0 }) as never,
    failure: undefined,
  };
  return { meter, seen };
}

/** An upstream that sends `text` in one read, then more with `send`, open until closed. */
function upstreamOf(text: string) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(opened) {
      controller = opened;
      controller.enqueue(new TextEncoder().encode(text));
    },
  });
  return {
    stream,
    send: (more: string) => controller.enqueue(new TextEncoder().encode(more)),
    close: () => controller.close(),
  };
}

const decode = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

/** `text` from the upstream in one read, relayed: the reader, what was metered, the ends. */
function relayOf(text: string) {
  const { meter, seen } = countingMeter();
  const ends: unknown[] = [];
  const upstream = upstreamOf(text);
  const relayed = relaySse(
    upstream.stream,
    meter,
    60_000,
    (data) => data,
    (outcome) => {
      ends.push(outcome);
    },
  );
  return { reader: relayed.getReader(), seen, ends, upstream };
}

describe('relaySse', () => {
  it('hands on the first event of a burst alone, and the rest after a turn of the event loop', async () => {
    const { reader, seen, upstream } = relayOf(EVENTS.join(''));
    expect(decode((await reader.read()).value)).toBe(EVENTS[0]);
    expect(seen).toEqual(['{"n":1}']);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    expect(decode((await reader.read()).value)).toBe(`${EVENTS[1]}${EVENTS[2]}`);
    expect(turned).toBe(true);
    expect(seen).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);

    upstream.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('meters what it held back when the client leaves during that turn', async () => {
    const { reader, seen, ends } = relayOf(EVENTS.join(''));
    expect(decode((await reader.read()).value)).toBe(EVENTS[0]);
    await reader.cancel();
    expect(seen).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(ends).toHaveLength(1);
  });

  it('relays a read after the first byte whole, as it came', async () => {
    const { meter } = countingMeter();
    const upstream = upstreamOf(EVENTS[0] as string);
    const reader = relaySse(
      upstream.stream,
      meter,
      60_000,
      (data) => data,
      () => {},
    ).getReader();
    expect(decode((await reader.read()).value)).toBe(EVENTS[0]);
    upstream.send(`${EVENTS[1]}${EVENTS[2]}`);
    expect(decode((await reader.read()).value)).toBe(`${EVENTS[1]}${EVENTS[2]}`);
    upstream.close();
    expect((await reader.read()).done).toBe(true);
  });
});
