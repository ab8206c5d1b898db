import { PROVIDERS } from '@oneapi/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

interface ChannelBody {
  id: number;
  config: Record<string, unknown> | null;
}
interface ProviderItem {
  id: string;
  configFields: object[];
}

const channel = (fields: object) => ({
  name: 'settings',
  key: 'sk-settings-test-0001',
  models: ['gpt-4o-mini'],
  ...fields,
});

/** Channel settings are checked against the provider's fields; overrides against the deny-list. */
describe('channel settings and overrides in the admin API', () => {
  let gateway: TestGateway;
  let base: string;
  const send = async (method: 'POST' | 'PATCH', path: string, body: object) => {
    const response = await fetch(`${base}${path}`, jsonRequest(method, body, ROOT));
    return { status: response.status, body: (await response.json()) as ChannelBody };
  };
  const refusal = (param: string, message: string) => ({
    status: 400,
    body: { error: expect.objectContaining({ param, message: `${param}: ${message}` }) },
  });

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
  });
  afterAll(async () => gateway?.close());

  it('lists every provider with its typed settings', async () => {
    const response = await fetch(`${base}/api/providers`, { headers: ROOT });
    const { items } = (await response.json()) as { items: ProviderItem[] };
    expect(items.map((item) => item.id)).toEqual(PROVIDERS.map((provider) => provider.id));
    expect(items.find((item) => item.id === 'bedrock')?.configFields).toContainEqual(
      expect.objectContaining({ name: 'authMode', type: 'select', options: ['sigv4', 'api-key'] }),
    );
  });

  it('refuses a channel without a required setting, naming it', async () => {
    expect(await send('POST', '/api/channels', channel({ type: 'bedrock' }))).toEqual(
      refusal('config.region', 'AWS Bedrock requires Region'),
    );
    expect(
      await send(
        'POST',
        '/api/channels',
        channel({ type: 'cloudflare', config: { accountId: ' ' } }),
      ),
    ).toEqual(refusal('config.accountId', 'Cloudflare Workers AI requires Account ID'));
  });

  it('refuses a setting the provider does not have, or of the wrong type', async () => {
    expect(
      await send('POST', '/api/channels', channel({ type: 'openai', config: { region: 'x' } })),
    ).toEqual(refusal('config.region', 'not a setting of OpenAI (its settings: none)'));
    expect(
      await send(
        'POST',
        '/api/channels',
        channel({ type: 'bedrock', config: { region: 'us-east-1', authMode: 'iam' } }),
      ),
    ).toEqual(refusal('config.authMode', 'must be one of sigv4, api-key'));
  });

  it('stores the settings as read: trimmed, blanks dropped, integers as numbers', async () => {
    const created = await send(
      'POST',
      '/api/channels',
      channel({
        type: 'anthropic',
        config: { defaultMaxTokens: '8192' },
        overrides: { setHeaders: { 'Anthropic-Beta': 'context-1m-2025-08-07' } },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.config).toEqual({
      defaultMaxTokens: 8192,
      overrides: { setHeaders: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    });
    const row = await gateway.services.storage.repositories.channels.findById(created.body.id);
    expect(row?.config).toEqual(created.body.config);
  });

  it('refuses credential and hop-by-hop headers and the fields the gateway owns, naming them', async () => {
    const withOverrides = (overrides: object) =>
      send('POST', '/api/channels', channel({ type: 'openai', overrides }));
    expect(await withOverrides({ setHeaders: { Authorization: 'Bearer other' } })).toEqual(
      refusal('overrides.setHeaders.Authorization', 'authorization is a header the gateway owns'),
    );
    expect(await withOverrides({ stripHeaders: ['x-goog-api-key'] })).toEqual(
      refusal('overrides.stripHeaders.0', 'x-goog-api-key is a header the gateway owns'),
    );
    expect(await withOverrides({ setHeaders: { 'transfer-encoding': 'chunked' } })).toEqual(
      refusal(
        'overrides.setHeaders.transfer-encoding',
        'transfer-encoding is a header the gateway owns',
      ),
    );
    expect(await withOverrides({ setParams: { model: 'gpt-5' } })).toEqual(
      refusal('overrides.setParams.model', 'model is a field the gateway owns'),
    );
  });

  it('checks an edit: a new type against the kept settings, new settings against the kept type', async () => {
    const created = await send(
      'POST',
      '/api/channels',
      channel({
        type: 'openai',
        allowPrivateNetwork: true,
        baseUrl: 'http://127.0.0.1:9/v1',
        overrides: { dropParams: ['user'] },
      }),
    );
    const path = `/api/channels/${created.body.id}`;
    expect(await send('PATCH', path, { type: 'cloudflare' })).toEqual(
      refusal('config.accountId', 'Cloudflare Workers AI requires Account ID'),
    );
    const moved = await send('PATCH', path, { type: 'cloudflare', config: { accountId: 'acct' } });
    expect(moved.status).toBe(200);
    // The gateway's own settings stay unless they are sent.
    expect(moved.body.config).toEqual({
      accountId: 'acct',
      allowPrivateNetwork: true,
      overrides: { dropParams: ['user'] },
    });
    expect(await send('PATCH', path, { config: { accountId: 7 } })).toEqual(
      refusal('config.accountId', 'must be text'),
    );
    const cleared = await send('PATCH', path, { overrides: null });
    expect(cleared.body.config).toEqual({ accountId: 'acct', allowPrivateNetwork: true });
  });
});
