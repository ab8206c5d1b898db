import { describe, expect, it } from 'vitest';
import { getProvider } from '../providers';
import type { StreamEvent } from '../spec/stream-event';
import { createProviderClient } from './create-provider-client';

/*
 * What an upstream says reaches the caller scrubbed of every key of the channel, whether it
 * failed the request or sent an error event in a stream.
 */

const USED = 'sk-proj-Kused0123456789abcdef0123';
const OTHER = 'sk-proj-Kother0123456789abcdef012';
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

const answering = (status: number, body: string, contentType = 'application/json') =>
  (async () => new Response(body, { status, headers: { 'content-type': contentType } })) as never;

const clientWith = (fetchImpl: typeof fetch) =>
  createProviderClient({
    adapter: getProvider('openai'),
    target: { apiKey: USED, channelKeys: [USED, OTHER], baseUrl: 'http://upstream.example' },
    fetch: fetchImpl,
  });

describe('ProviderClient scrubbing', () => {
  it('masks every key of the channel in a failed request, and drops a param that is not a field', async () => {
    const body = JSON.stringify({
      error: {
        message: `Incorrect API key provided: ${USED} (see also Kother0123456789abcdef012)`,
        type: OTHER,
        param: 'Kused0123456789abcdef0123',
        code: 'invalid_api_key',
      },
    });
    const error = await clientWith(answering(401, body))
      .chat(request)
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: 'upstream_auth_failed',
      param: null,
      message: 'Upstream error 401: Incorrect API key provided: *** (see also ***)',
    });
  });

  it('masks them in a stream error event', async () => {
    const error = { message: `Stream failed for ${OTHER}`, param: OTHER, code: 'server_error' };
    const sse = `data: ${JSON.stringify({ error })}\n\n`;
    const events: StreamEvent[] = [];
    for await (const event of await clientWith(answering(200, sse, 'text/event-stream')).stream({
      ...request,
      stream: true,
    }))
      events.push(event);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { param: null, message: 'Upstream error 500: Stream failed for ***' },
    });
  });
});
