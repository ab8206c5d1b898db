import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, relayFixture, UPSTREAM_KEY } from '../testing/admin/admin-test-kit';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../testing/tracing/otlp-receiver';

const SERVER = 2;
const CLIENT = 3;
const PROMPT = 'trace-prompt-canary: what is in this span?';

// OpenAI's answer to a server fault, as its error-codes guide documents it
// (platform.openai.com/docs/guides/error-codes: 500 "The server had an error while
// processing your request").
const SERVER_ERROR = JSON.stringify({
  error: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  },
});

/** An OpenAI upstream that knows one key and answers chats as recorded, streamed or not. */
function startHealthyUpstream(): Promise<FixtureServer> {
  return startFixtureServer(({ headers, body }) => {
    if (headers.authorization !== `Bearer ${UPSTREAM_KEY}`)
      return { status: 401, body: relayFixture('error-401-invalid-api-key.json') };
    return JSON.parse(body).stream === true
      ? {
          headers: { 'content-type': 'text/event-stream' },
          body: relayFixture('chat-stream-include-usage.sse'),
        }
      : { body: relayFixture('chat-completion-text.json') };
  });
}

/** A gateway with two channels for gpt-4o-mini: `failing` (tried first) answers 500. */
async function startGateway(
  env: Record<string, string>,
  upstreams: { failing: string; healthy: string },
) {
  const gateway = await createTestGateway({
    INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    INITIAL_ROOT_TOKEN: 'sk-tracetoken1234567890',
    // Retry on the other channel at once; export every 50 ms, not every 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '50',
    ...env,
  });
  const base = await gateway.listen();
  const channelIds: number[] = [];
  for (const [name, url, priority] of [
    ['failing', upstreams.failing, 10],
    ['healthy', upstreams.healthy, 0],
  ] as const) {
    const created = await fetch(
      `${base}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name,
          key: UPSTREAM_KEY,
          baseUrl: url,
          allowPrivateNetwork: true,
          models: ['gpt-4o-mini'],
          priority,
        },
        ROOT,
      ),
    );
    expect(created.status).toBe(201);
    channelIds.push(((await created.json()) as { id: number }).id);
  }
  await fetch(
    `${base}/api/users/1/quota`,
    jsonRequest(
      'POST',
      { amount: 10_000_000, idempotencyKey: 'trace-credit', reason: 'test' },
      ROOT,
    ),
  );
  const sdk = new OpenAI({
    apiKey: 'sk-tracetoken1234567890',
    baseURL: `${base}/v1`,
    maxRetries: 0,
  });
  return { gateway, sdk, failingId: channelIds[0]!, healthyId: channelIds[1]! };
}

/** The trace of one request: its server span and the client spans under it, oldest first. */
function traceOf(spans: readonly ReceivedSpan[], requestId: string) {
  const request = spans.find(
    (span) => span.kind === SERVER && span.attributes['oneapi.request_id'] === requestId,
  );
  if (!request) return undefined;
  const attempts = spans
    .filter((span) => span.traceId === request.traceId && span.spanId !== request.spanId)
    .sort(
      (a, b) =>
        Number(a.attributes['oneapi.attempt.number']) -
        Number(b.attributes['oneapi.attempt.number']),
    );
  return { request, attempts };
}

describe('relay traces over OTLP/HTTP', () => {
  let receiver: OtlpReceiver;
  let failing: FixtureServer;
  let healthy: FixtureServer;
  let started: Awaited<ReturnType<typeof startGateway>>;
  let gateway: TestGateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    failing = await startFixtureServer(() => ({ status: 500, body: SERVER_ERROR }));
    healthy = await startHealthyUpstream();
    started = await startGateway(
      { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'oneapi-test' },
      { failing: failing.url, healthy: healthy.url },
    );
    gateway = started.gateway;
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([receiver?.close(), failing?.close(), healthy?.close()]);
  });

  it('shows a failed-over chat as one trace: the request span and a span per upstream try', async () => {
    const { data, response } = await started.sdk.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBeTruthy();
    const requestId = response.headers.get('x-request-id')!;

    await receiver.waitFor((spans) => traceOf(spans, requestId)?.attempts.length === 2);
    const { request, attempts } = traceOf(receiver.spans, requestId)!;
    const [first, second] = attempts as [ReceivedSpan, ReceivedSpan];

    expect(request.resource['service.name']).toBe('oneapi-test');
    expect(request.name).toBe('chat gpt-4o-mini');
    expect(request.parentSpanId).toBeUndefined();
    expect(request.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.response.model': 'gpt-4.1-nano-2025-04-14',
      'gen_ai.usage.input_tokens': 16,
      'gen_ai.usage.output_tokens': 363,
      'gen_ai.response.finish_reasons': ['stop'],
      'http.response.status_code': 200,
      'oneapi.attempt.count': 2,
      'oneapi.stream': false,
    });
    expect(request.statusCode).not.toBe(2);

    for (const attempt of attempts) {
      expect(attempt.kind).toBe(CLIENT);
      expect(attempt.traceId).toBe(request.traceId);
      expect(attempt.parentSpanId).toBe(request.spanId);
      // Inside the request's time.
      expect(attempt.startNs >= request.startNs && attempt.endNs <= request.endNs).toBe(true);
    }
    expect(first.attributes).toMatchObject({
      'oneapi.channel.id': started.failingId,
      'oneapi.channel.name': 'failing',
      'oneapi.attempt.number': 1,
      'oneapi.attempt.outcome': 'failure',
      'http.response.status_code': 500,
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
    });
    expect(first.attributes['error.type']).toEqual(expect.any(String));
    expect(first.statusCode).toBe(2);
    expect(first.attributes['gen_ai.response.model']).toBeUndefined();
    expect(second.attributes).toMatchObject({
      'oneapi.channel.id': started.healthyId,
      'oneapi.channel.name': 'healthy',
      'oneapi.attempt.number': 2,
      'oneapi.attempt.outcome': 'success',
      'oneapi.retry.reason': first.attributes['error.type'],
      'gen_ai.response.model': 'gpt-4.1-nano-2025-04-14',
      'gen_ai.usage.input_tokens': 16,
      'gen_ai.usage.output_tokens': 363,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(second.startNs >= first.endNs).toBe(true);

    // No prompt text unless the operator opts in, and never an upstream key.
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain('trace-prompt-canary');
    expect(exported).not.toContain(UPSTREAM_KEY);
  });

  it('traces a stream to its end, with the model and finish reason it streamed', async () => {
    const { data: stream, response } = await started.sdk.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'stream it' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    for await (const _chunk of stream) {
      // read to the end
    }
    const requestId = response.headers.get('x-request-id')!;
    await receiver.waitFor((spans) => traceOf(spans, requestId)?.attempts.length === 2);
    const { request, attempts } = traceOf(receiver.spans, requestId)!;
    expect(request.attributes).toMatchObject({
      'oneapi.stream': true,
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 17,
      'gen_ai.usage.output_tokens': 10,
    });
    // The answering attempt lasts as long as its stream.
    expect(attempts[1]!.endNs).toBe(request.endNs);
  });

  it('traces a request refused before any attempt, with its error', async () => {
    const refused = await fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] },
        { authorization: 'Bearer sk-tracetoken1234567890' },
      ),
    );
    expect(refused.status).toBe(404);
    const requestId = refused.headers.get('x-request-id')!;
    await receiver.waitFor((spans) => traceOf(spans, requestId) !== undefined);
    const { request, attempts } = traceOf(receiver.spans, requestId)!;
    expect(attempts).toEqual([]);
    expect(request.attributes).toMatchObject({
      'error.type': 'model_not_found',
      'http.response.status_code': 404,
      'oneapi.attempt.count': 0,
    });
  });
});

describe('relay traces with prompt capture opted in', () => {
  it('puts the prompt in the request span', async () => {
    const receiver = await startOtlpReceiver();
    const healthy = await startHealthyUpstream();
    const { gateway, sdk } = await startGateway(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
      },
      { failing: healthy.url, healthy: healthy.url },
    );
    try {
      const { response } = await sdk.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] })
        .withResponse();
      const requestId = response.headers.get('x-request-id')!;
      await receiver.waitFor((spans) => traceOf(spans, requestId) !== undefined);
      const { request } = traceOf(receiver.spans, requestId)!;
      expect(JSON.parse(String(request.attributes['gen_ai.input.messages']))).toEqual([
        { role: 'user', content: PROMPT },
      ]);
    } finally {
      await gateway.close();
      await Promise.all([receiver.close(), healthy.close()]);
    }
  });
});
