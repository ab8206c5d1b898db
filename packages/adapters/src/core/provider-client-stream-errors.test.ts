import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getProvider } from '../providers';
import { isAdapterError } from '../spec/adapter-error';
import type { StreamEvent } from '../spec/stream-event';
import { readFixture } from '../testing';
import { createProviderClient } from './create-provider-client';

const stream = readFixture(
  new URL('../providers/openai/__fixtures__/chat-stream-include-usage.sse', import.meta.url),
);
/** The recorded stream up to and including its second event: an answer under way. */
const firstEvents = `${stream.split('\n\n').slice(0, 2).join('\n\n')}\n\n`;
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hi' }],
};

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** An upstream that answers 200, sends two events, then resets the connection. */
async function startCuttingUpstream(): Promise<string> {
  server = createServer((_incoming, outgoing) => {
    outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
    outgoing.write(firstEvents, () => setTimeout(() => outgoing.socket?.resetAndDestroy(), 20));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('stream transport errors', () => {
  it('names a stream the upstream cut after answering: upstream_stream_interrupted', async () => {
    const client = createProviderClient({
      adapter: getProvider('openai'),
      target: { apiKey: 'k', baseUrl: await startCuttingUpstream() },
    });
    const events: StreamEvent[] = [];
    for await (const event of await client.stream(request)) events.push(event);
    expect(events.filter((event) => event.type !== 'error').length).toBeGreaterThan(0);
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    const error = last.type === 'error' ? last.error : undefined;
    expect(error).toMatchObject({
      code: 'upstream_stream_interrupted',
      status: 502,
      message: 'The upstream closed the stream mid-answer',
    });
  });

  it('keeps upstream_connection_failed for an upstream that was never reached', async () => {
    // A port that was listening a moment ago: nothing answers there now.
    const url = await startCuttingUpstream();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const client = createProviderClient({
      adapter: getProvider('openai'),
      target: { apiKey: 'k', baseUrl: url },
    });
    const error = await client.stream(request).catch((thrown: unknown) => thrown);
    expect(isAdapterError(error) && error.code).toBe('upstream_connection_failed');
    expect((error as Error).message).toBe('Could not reach the upstream');
  });
});
