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
});
