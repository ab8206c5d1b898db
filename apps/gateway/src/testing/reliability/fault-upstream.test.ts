import { afterEach, describe, expect, it } from 'vitest';
import { type FaultScript, type FaultUpstream, startFaultUpstream } from './fault-upstream';

const KEY = 'sk-upstream-echo-canary';

describe('fault upstream', () => {
  let upstream: FaultUpstream | undefined;
  const start = async (script: FaultScript, options = {}) => {
    upstream = await startFaultUpstream(script, options);
    return upstream;
  };
  afterEach(async () => {
    await upstream?.close();
    upstream = undefined;
  });

  const post = (path: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${upstream!.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });
  const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

  it('answers recorded OpenAI and Anthropic bodies with the scripted model and usage', async () => {
    await start(() => ({ kind: 'answer', usage: { promptTokens: 7, completionTokens: 42 } }));
    const completion = await (await post('/v1/chat/completions', chat)).json();
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      usage: { prompt_tokens: 7, completion_tokens: 42, total_tokens: 49 },
    });
    const stream = await post('/v1/chat/completions', {
      ...chat,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const events = (await stream.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(events.at(-2)!.slice(6)).usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 42,
      total_tokens: 49,
    });
    const message = await (
      await post('/v1/messages', { ...chat, model: 'claude-x', max_tokens: 9 })
    ).json();
    expect(message).toMatchObject({
      type: 'message',
      model: 'claude-x',
      usage: { input_tokens: 7, output_tokens: 42 },
    });
    const anthropicStream = await (
      await post('/v1/messages', { ...chat, model: 'claude-x', stream: true })
    ).text();
    expect(anthropicStream).toContain('event: message_stop');
    expect(anthropicStream).toContain('"output_tokens":42');
    expect(upstream!.requests.map((request) => [request.format, request.stream])).toEqual([
      ['openai', false],
      ['openai', true],
      ['anthropic', false],
      ['anthropic', true],
    ]);
  });

  it('delays, rate-limits with Retry-After and fails in bursts, echoing the key it got', async () => {
    await start(({ index, format }) =>
      format === 'anthropic'
        ? { kind: 'server-error', status: 529 }
        : index === 0
          ? { kind: 'answer', latencyMs: 150 }
          : index === 1
            ? { kind: 'rate-limited', retryAfterSeconds: 3 }
            : index < 5
              ? { kind: 'server-error', status: 503 }
              : { kind: 'answer' },
    );
    const started = performance.now();
    expect((await post('/v1/chat/completions', chat)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const limited = await post('/v1/chat/completions', chat);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.text()).toContain(KEY);
    const burst = [];
    for (let i = 0; i < 4; i++) burst.push((await post('/v1/chat/completions', chat)).status);
    expect(burst).toEqual([503, 503, 503, 200]);
    const anthropic = await post('/v1/messages', chat, {
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.stringContaining(KEY) },
    });
  });

  it('hangs before headers until the client gives up, then lets go of the connection', async () => {
    await start(() => ({ kind: 'hang-before-headers' }));
    await expect(
      post('/v1/chat/completions', chat, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/aborted|timeout/i);
    await expect.poll(() => upstream!.inFlight(), { timeout: 2000 }).toBe(0);
  });

  it('cuts a hang by itself after maxHangMs', async () => {
    await start(() => ({ kind: 'hang-before-headers' }), { maxHangMs: 200 });
    const started = performance.now();
    await expect(post('/v1/chat/completions', chat)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('hangs after headers and a first event', async () => {
    await start(() => ({ kind: 'hang-after-headers', afterChunks: 1 }));
    const response = await post('/v1/chat/completions', { ...chat, stream: true });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: /);
    const next = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((resolve) => setTimeout(resolve, 200, 'silence')),
    ]);
    expect(next).toBe('silence');
    await reader.cancel();
  });

  it('resets the connection after N pieces', async () => {
    await start(() => ({ kind: 'reset-after-chunks', chunks: 2 }));
    const response = await post('/v1/chat/completions', { ...chat, stream: true });
    const reader = response.body!.getReader();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += new TextDecoder().decode(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received.split('\n\n').filter(Boolean)).toHaveLength(2);
  });

  it('quotes the keys in every field, form and a header (leaky plans)', async () => {
    const other = 'sk-proj-Kother0123456789abcdef';
    await start((request) =>
      request.stream
        ? { kind: 'leaky-stream-error', afterChunks: 2, alsoQuote: [other] }
        : { kind: 'leaky-error', status: 403, alsoQuote: [other] },
    );
    const failed = await post('/v1/chat/completions', chat);
    expect(failed.status).toBe(403);
    expect(failed.headers.get('x-upstream-key')).toBe(`${KEY} ${other}`);
    const { error } = (await failed.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ type: KEY, param: 'upstream-echo-canary' });
    expect(error.code).toMatch(/^sk-upst\*+nary$/);
    expect(JSON.stringify(error.details)).toContain(other);
    expect(error.message).toContain('Kother0123456789abcdef');

    const anthropic = await (
      await post('/v1/messages', { ...chat, model: 'claude-x', stream: true })
    ).text();
    const events = anthropic.split('\n\n').filter(Boolean);
    expect(events).toHaveLength(3);
    expect(events[2]).toMatch(/^event: error\ndata: .*upstream-echo-canary/);
  });

  it('closes itself at the end of its lifetime', async () => {
    await start(() => ({ kind: 'answer' }), { lifetimeMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(post('/v1/chat/completions', chat)).rejects.toThrow();
  });
});
