import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../secrets/hash-secret';
import { needsRehash, verifyPassword } from '../../secrets/passwords';
import { resolveChannelType } from './channel-types';
import { mapBaseUrl, mapChannel } from './map-channel';
import { mapLog } from './map-log';
import { mapOptions } from './map-options';
import { mapToken, toPresentedKey } from './map-token';
import { mapUser } from './map-user';

const KEY = 'x'.repeat(48);

describe('mapBaseUrl', () => {
  const openai = resolveChannelType('one-api', 1);
  it('adds the /v1 One API put before every path, and drops a URL equal to our default', () => {
    expect(mapBaseUrl('', openai, 'https://api.openai.com/v1')).toEqual({
      url: null,
      private: false,
      notes: [],
    });
    expect(
      mapBaseUrl('https://proxy.example.com/', openai, 'https://api.openai.com/v1'),
    ).toMatchObject({ url: 'https://proxy.example.com/v1' });
    expect(mapBaseUrl('https://proxy.example.com/v1', openai, undefined)).toMatchObject({
      url: 'https://proxy.example.com/v1',
    });
  });

  it('keeps a local server allowed and refuses what is not an http(s) URL', () => {
    expect(mapBaseUrl('http://127.0.0.1:8000', openai, undefined)).toMatchObject({ private: true });
    expect(mapBaseUrl('ftp://files.example.com', openai, undefined)).toEqual({
      problem: 'base URL is not http(s) or holds credentials',
    });
  });

  it("takes new-api's Custom base URL as the whole chat URL", () => {
    const custom = resolveChannelType('new-api', 8);
    expect(
      mapBaseUrl('https://llm.example.com/v1/chat/completions', custom, undefined),
    ).toMatchObject({ url: 'https://llm.example.com/v1' });
  });
});

describe('mapChannel', () => {
  const row = (extra: Record<string, unknown>) => ({
    id: 9,
    name: 'c',
    key: 'k',
    status: 1,
    models: 'm1, m2,,m1',
    group: 'default',
    ...extra,
  });

  it("keeps new-api's weights (proportions, as here) and evens out One API's (unused there)", () => {
    const weightOf = (weight: number, kind: 'one-api' | 'new-api') => {
      const mapped = mapChannel(row({ type: 1, weight }), kind);
      return mapped.kind === 'import'
        ? { weight: mapped.value.channel.weight, notes: mapped.value.notes }
        : mapped;
    };
    expect(weightOf(3, 'new-api')).toEqual({ weight: 3, notes: [] });
    expect(weightOf(0, 'new-api')).toEqual({ weight: 0, notes: [] });
    expect(weightOf(0, 'one-api')).toEqual({ weight: 1, notes: [] });
    expect(weightOf(5, 'one-api')).toEqual({
      weight: 1,
      notes: ['weight 5 (One API did not use it; shares stay equal)'],
    });
  });

  it('reshapes credentials the providers here read differently', () => {
    const bedrockApiKey = mapChannel(
      row({ type: 33, key: 'bedrock-api-key|eu-west-1' }),
      'new-api',
    );
    expect(bedrockApiKey).toMatchObject({
      kind: 'import',
      value: {
        keys: ['bedrock-api-key'],
        channel: { config: { region: 'eu-west-1', authMode: 'api-key' } },
      },
    });
    const vertex = mapChannel(
      row({
        type: 42,
        key: '',
        config: JSON.stringify({
          region: 'europe-west4',
          vertex_ai_project_id: 'p1',
          vertex_ai_adc: '{"type":"service_account"}',
        }),
      }),
      'one-api',
    );
    expect(vertex).toMatchObject({
      value: {
        keys: ['{"type":"service_account"}'],
        channel: { type: 'vertex', config: { region: 'europe-west4', project: 'p1' } },
      },
    });
    expect(mapChannel(row({ type: 37 }), 'one-api')).toMatchObject({
      kind: 'skip',
      reason: 'no Cloudflare account id (config user_id)',
    });
    expect(mapChannel(row({ type: 37, config: '{"user_id":"acct"}' }), 'one-api')).toMatchObject({
      value: { channel: { type: 'cloudflare', baseUrl: null, config: { accountId: 'acct' } } },
    });
  });

  it('cleans the model list and reports a type without counterpart', () => {
    expect(mapChannel(row({ type: 1 }), 'one-api')).toMatchObject({
      value: { channel: { models: ['m1', 'm2'], status: 'enabled' } },
    });
    expect(mapChannel(row({ type: 2 }), 'new-api')).toMatchObject({
      kind: 'skip',
      unmappedType: '2 Midjourney',
    });
  });
});

describe('mapToken', () => {
  it('hashes the key clients send: sk- and the stored 48 characters', () => {
    const mapped = mapToken({ id: 1, userId: 2, key: KEY, expiredTime: 1_700_000_000 }, 'one-api')!;
    expect(toPresentedKey(KEY)).toBe(`sk-${KEY}`);
    expect(mapped.token).toMatchObject({
      keyHash: hashSecret(`sk-${KEY}`),
      keyPrefix: 'sk-xxxx',
      expiresAt: 1_700_000_000_000,
      status: 'enabled',
      allowedModels: null,
    });
    expect(mapToken({ id: 1, key: KEY, expiredTime: -1 }, 'one-api')!.token.expiresAt).toBeNull();
  });

  it('imports a key disabled rather than widen an IP rule it cannot read', () => {
    const mapped = mapToken({ id: 1, key: KEY, allowIps: '10.0.0.0/8\nnot-an-ip' }, 'new-api')!;
    expect(mapped.token).toMatchObject({ status: 'disabled', allowedIps: ['10.0.0.0/8'] });
  });
});

describe('mapUser and bcrypt passwords', () => {
  // Go's golang.org/x/crypto/bcrypt writes $2a$ hashes.
  const goHash = bcrypt.hashSync('s3cret-pass', bcrypt.genSaltSync(4).replace('$2b$', '$2a$'));

  it('keeps a bcrypt hash usable, and verifies it until it is rehashed', async () => {
    const mapped = mapUser({ id: 1, username: 'u', password: goHash, role: 10, status: 2 });
    expect(mapped).toMatchObject({
      kind: 'import',
      value: {
        passwordUsable: true,
        user: { passwordHash: goHash, role: 'admin', status: 'disabled' },
      },
    });
    expect(await verifyPassword('s3cret-pass', goHash)).toBe(true);
    expect(await verifyPassword('wrong', goHash)).toBe(false);
    expect(needsRehash(goHash)).toBe(true);
    expect(needsRehash('scrypt$32768$8$1$salt$hash')).toBe(false);
  });

  it('flags an account without a verifiable password for a reset', () => {
    expect(mapUser({ id: 1, username: 'u', password: '' })).toMatchObject({
      value: { passwordUsable: false, user: { passwordHash: null, role: 'user' } },
    });
    expect(mapUser({ id: 1, username: '' })).toMatchObject({ kind: 'skip' });
  });
});

describe('mapOptions', () => {
  it('keeps prices that differ from ours and completes their completion ratio', () => {
    const mapped = mapOptions({
      ModelRatio: JSON.stringify({ 'gpt-4o': 1.25, 'gpt-4o-mini': 0.5, unknown: 3 }),
      ModelPrice: JSON.stringify({ 'dall-e-3': 0.04 }),
      GroupRatio: JSON.stringify({ default: 1, vip: 2 }),
      RegisterEnabled: 'true',
      RetryTimes: '3',
      QuotaPerUnit: '1000000',
    });
    expect(mapped.modelPrices).toEqual({
      'gpt-4o-mini': { modelRatio: 0.5, completionRatio: 4 },
      unknown: { modelRatio: 3 },
      'dall-e-3': { perRequest: 0.04 },
    });
    expect(mapped.groupRatios).toEqual({ vip: 2 });
    expect(mapped.settings).toEqual({ registrationEnabled: true, retryTimes: 3 });
    expect(mapped.notes).toEqual([
      'completion ratio 1 assumed for unknown',
      'QuotaPerUnit is 1000000 there and 500000 here: quotas are copied as they are, so their dollar value shown changes',
    ]);
  });
});

describe('mapLog', () => {
  it('maps types and times, and resolves ids later', () => {
    const mapped = mapLog({
      id: 5,
      userId: 2,
      type: 6,
      createdAt: 1_700_000_000,
      useTime: 3,
      channelId: 4,
    });
    expect(mapped).toMatchObject({
      sourceId: 5,
      sourceUserId: 2,
      sourceChannelId: 4,
      entry: { type: 'topup', createdAt: 1_700_000_000_000, elapsedMs: 3000 },
    });
  });
});
