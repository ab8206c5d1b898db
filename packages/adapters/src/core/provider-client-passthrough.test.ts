import { afterEach, describe, expect, it } from 'vitest';
import { getProvider } from '../providers';
import { isAdapterError } from '../spec/adapter-error';
import { type FixtureServer, readFixture, startFixtureServer } from '../testing';
import { createProviderClient } from './create-provider-client';

const fixture = (name: string) =>
  readFixture(new URL(`../providers/openai/__fixtures__/${name}`, import.meta.url));
const completion = fixture('completions-legacy.json');
const invalidKey = fixture('error-401-invalid-api-key.json');

let upstream: FixtureServer | undefined;
afterEach(() => upstream?.close());

describe('ProviderClient.passthrough', () => {
  it('sends the body as it is to the endpoint with the key and returns the answer unread', async () => {
    upstream = await startFixtureServer(() => ({ body: completion }));
    const client = createProviderClient({
      adapter: getProvider('openai'),
      target: { apiKey: 'sk-upstream-secret', baseUrl: `${upstream.url}/v1` },
    });
    const body = '{"model":"gpt-3.5-turbo-instruct","prompt":"Say this is a test"}';
    const response = await client.passthrough('/completions', {
      model: 'gpt-3.5-turbo-instruct',
      body,
      contentType: 'application/json',
    });
    expect(await response.text()).toBe(completion);
    expect(upstream.requests[0]).toMatchObject({ url: '/v1/completions', body });
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-upstream-secret');
  });

  it("turns an upstream error into the provider's AdapterError without the key", async () => {
    upstream = await startFixtureServer(() => ({ status: 401, body: invalidKey }));
    const client = createProviderClient({
      adapter: getProvider('openai'),
      target: { apiKey: 'sk-upstream-secret', baseUrl: upstream.url },
    });
    const error = await client
      .passthrough('/moderations', { model: 'm', body: '{}', contentType: 'application/json' })
      .catch((thrown: unknown) => thrown);
    expect(isAdapterError(error) && error.code).toBe('upstream_auth_failed');
    expect(JSON.stringify(error)).not.toContain('sk-upstream-secret');
  });

  it('refuses an endpoint the provider does not serve, before any request', async () => {
    upstream = await startFixtureServer(() => ({ body: '{}' }));
    const client = createProviderClient({
      adapter: getProvider('anthropic'),
      target: { apiKey: 'k', baseUrl: upstream.url },
    });
    const error = await client
      .passthrough('/images/generations', {
        model: 'm',
        body: '{}',
        contentType: 'application/json',
      })
      .catch((thrown: unknown) => thrown);
    expect(isAdapterError(error) && error.code).toBe('unsupported');
    expect(upstream.requests).toHaveLength(0);
  });

  describe('chat', () => {
    const chat = fixture('chat-completion-text.json');
    // Spacing and member order a re-encoding would not keep: seen upstream, the bytes passed through.
    const written =
      '{ "model" : "gpt-4o",\n  "messages":[{"role":"user","content":"hi"}], "max_tokens": 5 }';

    async function sendChat(init: { body: string; json: Record<string, unknown>; model: string }) {
      upstream = await startFixtureServer(() => ({ body: chat }));
      const client = createProviderClient({
        adapter: getProvider('openai'),
        target: { apiKey: 'sk-upstream-secret', baseUrl: `${upstream.url}/v1` },
      });
      const response = await client.passthrough('/chat/completions', {
        ...init,
        contentType: 'application/json',
      });
      expect(await response.text()).toBe(chat);
      expect(upstream.requests[0]?.url).toBe('/v1/chat/completions');
      return upstream.requests[0]!.body;
    }

    it("sends the caller's bytes when OpenAI's changes leave the body as it is", async () => {
      const sent = await sendChat({ body: written, json: JSON.parse(written), model: 'gpt-4o' });
      expect(sent).toBe(written);
    });

    it('re-encodes the body when a change applies (max_tokens to a reasoning model)', async () => {
      const body = written.replace('gpt-4o', 'o3');
      const sent = await sendChat({ body, json: JSON.parse(body), model: 'o3' });
      expect(JSON.parse(sent)).toEqual({
        model: 'o3',
        messages: [{ role: 'user', content: 'hi' }],
        max_completion_tokens: 5,
      });
    });

    it("re-encodes the body when the history carries another vendor's reasoning", async () => {
      const json = {
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello', reasoning_content: 'thought' },
          { role: 'user', content: 'again' },
        ],
      };
      const sent = await sendChat({ body: JSON.stringify(json), json, model: 'gpt-4o' });
      expect(JSON.parse(sent).messages[1]).toEqual({ role: 'assistant', content: 'hello' });
    });
  });
});
