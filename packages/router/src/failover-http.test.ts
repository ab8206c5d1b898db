import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as adapters from '@oneapi/adapters';
import { type FixtureServer, readFixture, startFixtureServer } from '@oneapi/adapters/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import type { HealthEvent } from './health/health-events';
import { createStaticChannelSource } from './static-channel-source';
import { makeChannel, request, streamRequest } from './testing/test-helpers';

// Real node:http upstreams on 127.0.0.1 replaying OpenAI captures, through the real adapter.
const fixtures = new URL('../../adapters/src/providers/openai/__fixtures__/', import.meta.url);
const completion = readFixture(new URL('chat-completion-text.json', fixtures));
const stream = readFixture(new URL('chat-stream-include-usage.sse', fixtures));
const quota = readFixture(new URL('error-429-insufficient-quota.json', fixtures));
const sse = { 'content-type': 'text/event-stream' };

const servers: FixtureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function upstream(reply: Parameters<typeof startFixtureServer>[0]) {
  const server = await startFixtureServer(reply);
  servers.push(server);
  return server;
}
const ctx = { group: 'default' };

/** A raw node:http upstream, for what the replaying fixture server cannot do (die, stall). */
async function rawUpstream(handle: (incoming: IncomingMessage, outgoing: ServerResponse) => void) {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({
    url,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return url;
}

describe('failover over real HTTP', () => {
  it('channel A answers 503, channel B answers 200: served by B, both in the trail', async () => {
    const a = await upstream(() => ({ status: 503, body: '{"error":{"message":"busy"}}' }));
    const b = await upstream(() => ({ body: completion }));
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1, { baseUrl: a.url, priority: 10 }),
        makeChannel(2, { baseUrl: b.url, modelMapping: { 'gpt-4o': 'gpt-4.1-nano' } }),
      ]),
      adapters,
    });
    const result = await router.dispatch(request(), ctx);
    expect(result.kind).toBe('completion');
    expect(
      result.attempts.map((x) => [x.channelId, x.outcome, x.errorCode, x.upstreamStatus]),
    ).toEqual([
      [1, 'failure', 'overloaded', 503],
      [2, 'success', undefined, undefined],
    ]);
    expect(JSON.parse(b.requests[0]?.body ?? '{}').model).toBe('gpt-4.1-nano');
    expect(b.requests[0]?.headers.authorization).toBe('Bearer sk-test-2');
  });

  it("disables a key on insufficient_quota (429) and serves with the channel's other key", async () => {
    const events: HealthEvent[] = [];
    const server = await upstream((received) =>
      received.headers.authorization === 'Bearer sk-broke'
        ? { status: 429, body: quota }
        : { body: completion },
    );
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1, { baseUrl: server.url, keys: ['sk-broke', 'sk-paid'] }),
      ]),
      adapters,
      onHealthEvent: (event) => events.push(event),
    });
    const result = await router.dispatch(request(), ctx);
    expect(result.attempts.map((x) => [x.keyIndex, x.errorCode])).toEqual([
      [0, 'upstream_quota_exhausted'],
      [1, undefined],
    ]);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'key_disabled',
        keyIndex: 0,
        reason: 'upstream_quota_exhausted',
      }),
    ]);
  });

  it('streams through, and an upstream that dies after the first chunk yields an error event, no retry', async () => {
    const cut = stream.indexOf('\n\n', stream.indexOf('"content":"San"')) + 2;
    // Sends the first chunks, then the connection drops mid-body.
    const dying = await rawUpstream((_, outgoing) => {
      outgoing.writeHead(200, sse);
      outgoing.write(stream.slice(0, cut));
      setTimeout(() => outgoing.socket?.destroy(), 20);
    });
    const spare = await upstream(() => ({ headers: sse, body: stream }));
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1, { baseUrl: dying, priority: 10 }),
        makeChannel(2, { baseUrl: spare.url }),
      ]),
      adapters,
    });
    const result = await router.dispatch(streamRequest(), ctx);
    const events: adapters.StreamEvent[] = [];
    for await (const event of result.events) events.push(event);
    expect(events.some((event) => event.type === 'text-delta')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'error' });
    expect(result.attempts[0]?.streamErrorCode).toBeDefined();
    expect(spare.requests).toHaveLength(0);
    expect(result.attempts).toHaveLength(1);
  });

  it('propagates a client abort to the upstream connection', async () => {
    let received = 0;
    let onUpstreamClose: () => void = () => {};
    const upstreamClosed = new Promise<void>((resolve) => {
      onUpstreamClose = resolve;
    });
    let onReceived: () => void = () => {};
    const upstreamReceived = new Promise<void>((resolve) => {
      onReceived = resolve;
    });
    // Never answers; notes when the router's fetch drops the connection.
    const url = await rawUpstream((incoming) => {
      received++;
      incoming.socket.on('close', onUpstreamClose);
      onReceived();
    });
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1, { baseUrl: url }),
        makeChannel(2, { baseUrl: url }),
      ]),
      adapters,
    });
    const abort = new AbortController();
    const pending = router.dispatch(request(), { ...ctx, signal: abort.signal });
    // Aborted once the upstream holds the request (a fixed wait lost the race on a loaded
    // machine: the abort came first and no connection was left to see close).
    await upstreamReceived;
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await upstreamClosed;
    expect(received).toBe(1);
  });
});
