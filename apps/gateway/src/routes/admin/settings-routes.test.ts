import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV, signIn } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const ACME = {
  systemName: 'Acme AI',
  logoUrl: 'https://acme.example/logo.png',
  notice: '# Welcome\n\nQuota resets **monthly**.',
  registrationEnabled: true,
  newUserQuota: 12_345,
};

const ROUTING_DEFAULTS = {
  retryTimes: null,
  routingStrategy: 'weighted',
  stickySessions: true,
  nonStickyGroups: [],
  firstByteTimeoutSeconds: null,
};

describe('settings, status and sign-up', () => {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-settings-'));
  const env = { ...ROOT_ENV, SQLITE_PATH: join(directory, 'oneapi.db') };
  let gateway: TestGateway;
  let base: string;
  let admin: Record<string, string>;

  const api = (path: string, init?: RequestInit) => fetch(`${base}/api${path}`, init);
  const status = async () => (await (await api('/status')).json()) as Record<string, unknown>;
  const settings = async () =>
    (await (await api('/settings', { headers: ROOT })).json()) as Record<string, unknown>;
  // Each call from its own address unless told otherwise: sign-ups are throttled per client.
  let clients = 0;
  const register = (body: unknown, client = `203.0.113.${++clients}`) =>
    api('/auth/register', jsonRequest('POST', body, { 'x-forwarded-for': client }));

  beforeAll(async () => {
    gateway = await createTestGateway(env);
    base = await gateway.listen();
    const created = await api(
      '/users',
      jsonRequest('POST', { username: 'ada', password: 'ada-password', role: 'admin' }, ROOT),
    );
    expect(created.status).toBe(201);
    admin = await signIn(base, 'ada', 'ada-password');
  });
  afterAll(async () => {
    await gateway?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts closed, with the defaults, and refuses sign-ups', async () => {
    expect(await settings()).toEqual({
      systemName: 'oneapi',
      logoUrl: null,
      notice: '',
      registrationEnabled: false,
      publicPricing: false,
      newUserQuota: 0,
      defaultGroup: 'default',
      inviterQuota: 0,
      inviteeQuota: 0,
      ...ROUTING_DEFAULTS,
    });
    expect(await status()).toEqual({
      setupRequired: false,
      systemName: 'oneapi',
      logoUrl: null,
      notice: '',
      registrationEnabled: false,
      publicPricing: false,
      // No SMTP server and no PUBLIC_URL: no reset links can be mailed.
      passwordReset: false,
    });
    const refused = await register({ username: 'early', password: 'early-password' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { type: 'permission_error' } });
    expect(await gateway.services.storage.repositories.users.findByUsername('early')).toBe(
      undefined,
    );
  });

  it('puts retry and routing settings into the router, and back to the environment', async () => {
    const { router } = gateway.services;
    expect(router.policy).toMatchObject({ maxRetries: 2, strategy: 'weighted', sticky: true });
    const tuned = await api(
      '/settings',
      jsonRequest(
        'PATCH',
        {
          retryTimes: 0,
          routingStrategy: 'least-latency',
          stickySessions: false,
          firstByteTimeoutSeconds: 7,
        },
        ROOT,
      ),
    );
    expect(tuned.status).toBe(200);
    expect(router.policy).toMatchObject({
      maxRetries: 0,
      strategy: 'least-latency',
      sticky: false,
    });
    expect(router.policy.timeouts.firstByteMs).toBe(7000);
    await api('/settings', jsonRequest('PATCH', { ...ROUTING_DEFAULTS }, ROOT));
    expect(router.policy).toMatchObject({ maxRetries: 2, strategy: 'weighted', sticky: true });
    expect(router.policy.timeouts.firstByteMs).toBe(300_000);
  });

  it('lets admins read the settings and only root change them', async () => {
    expect((await api('/settings', { headers: admin })).status).toBe(200);
    const denied = await api('/settings', jsonRequest('PATCH', { newUserQuota: 1 }, admin));
    expect(denied.status).toBe(403);
    expect((await settings()).newUserQuota).toBe(0);
  });

  it('refuses invalid settings, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string | null]> = [
      [{ notice: 'x'.repeat(10_001) }, 'notice'],
      [{ newUserQuota: -1 }, 'newUserQuota'],
      [{ newUserQuota: 1.5 }, 'newUserQuota'],
      [{ inviterQuota: -1 }, 'inviterQuota'],
      [{ inviteeQuota: 2.5 }, 'inviteeQuota'],
      [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
      [{ systemName: '   ' }, 'systemName'],
      [{ registrationEnabled: 'yes' }, 'registrationEnabled'],
      [{ defaultGroup: 'no-such-group' }, 'defaultGroup'],
      [{ retryTimes: 11 }, 'retryTimes'],
      [{ routingStrategy: 'random' }, 'routingStrategy'],
      [{ firstByteTimeoutSeconds: 0 }, 'firstByteTimeoutSeconds'],
      [{ nonStickyGroups: 'vip' }, 'nonStickyGroups'],
      [{ nonStickyGroups: ['vip', 'vip'] }, 'nonStickyGroups'],
      [{ nonStickyGroups: [''] }, 'nonStickyGroups.0'],
      [{ theme: 'dark' }, null],
    ];
    for (const [patch, param] of cases) {
      const response = await api('/settings', jsonRequest('PATCH', patch, ROOT));
      expect(response.status, JSON.stringify(patch).slice(0, 60)).toBe(400);
      const { error } = (await response.json()) as { error: { param: string | null } };
      expect(error.param).toBe(param);
    }
    expect((await settings()).systemName).toBe('oneapi');
  });

  it('saves settings, shows them on the status page, and opens sign-up', async () => {
    const saved = await api('/settings', jsonRequest('PATCH', ACME, ROOT));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      ...ACME,
      defaultGroup: 'default',
      inviterQuota: 0,
      inviteeQuota: 0,
      publicPricing: false,
      ...ROUTING_DEFAULTS,
    });
    const { newUserQuota: _quota, ...shown } = ACME;
    expect(await status()).toEqual({
      setupRequired: false,
      ...shown,
      publicPricing: false,
      passwordReset: false,
    });
    // A partial patch leaves the other settings alone.
    const partial = await api('/settings', jsonRequest('PATCH', { notice: '' }, ROOT));
    expect(await partial.json()).toMatchObject({ systemName: 'Acme AI', newUserQuota: 12_345 });
    await api('/settings', jsonRequest('PATCH', { notice: ACME.notice }, ROOT));

    const created = await register({ username: 'newbie', password: 'newbie-password' });
    expect(created.status).toBe(201);
    const user = await created.json();
    expect(user).toMatchObject({
      username: 'newbie',
      role: 'user',
      quota: 12_345,
      groupName: 'default',
    });
    expect(user).not.toHaveProperty('passwordHash');
    // A real account: it signs in.
    const self = await api('/user/self', {
      headers: await signIn(base, 'newbie', 'newbie-password'),
    });
    expect(await self.json()).toMatchObject({ username: 'newbie', quota: 12_345 });

    const taken = await register({ username: 'newbie', password: 'another-password' });
    expect(taken.status).toBe(409);
    // Only a username and a password: no role, quota or group from the caller.
    const escalation = await register({
      username: 'sneaky',
      password: 'sneaky-pass',
      role: 'admin',
    });
    expect(escalation.status).toBe(400);
    expect((await register({ username: 'shorty', password: 'short' })).status).toBe(400);
  });

  it('gives accounts an admin creates the new-user quota unless told otherwise', async () => {
    const created = await api(
      '/users',
      jsonRequest('POST', { username: 'hired', password: 'hired-password' }, admin),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ quota: 12_345, groupName: 'default' });
  });

  it('puts new accounts in the default group', async () => {
    await api('/prices/groups/vip', jsonRequest('PUT', { ratio: 0.8 }, ROOT));
    const saved = await api('/settings', jsonRequest('PATCH', { defaultGroup: 'vip' }, ROOT));
    expect(saved.status).toBe(200);
    const registered = await register({ username: 'vipper', password: 'vipper-password' });
    expect(await registered.json()).toMatchObject({ groupName: 'vip' });
    const byAdmin = await api(
      '/users',
      jsonRequest('POST', { username: 'staff', password: 'staff-password' }, admin),
    );
    expect(await byAdmin.json()).toMatchObject({ groupName: 'vip' });
    const chosen = await api(
      '/users',
      jsonRequest(
        'POST',
        { username: 'chosen', password: 'chosen-password', groupName: 'default' },
        admin,
      ),
    );
    expect(await chosen.json()).toMatchObject({ groupName: 'default' });
  });

  it('throttles sign-ups from one client', async () => {
    const client = '198.51.100.23';
    for (let i = 0; i < 5; i++) {
      const response = await register({ username: `bulk${i}`, password: 'bulk-password' }, client);
      expect(response.status).toBe(201);
    }
    const sixth = await register({ username: 'bulk5', password: 'bulk-password' }, client);
    expect(sixth.status).toBe(429);
    expect(await gateway.services.storage.repositories.users.findByUsername('bulk5')).toBe(
      undefined,
    );
    // Another client is not held back.
    expect((await register({ username: 'other', password: 'other-password' })).status).toBe(201);
  });

  it('keeps the settings across a restart', async () => {
    await gateway.close();
    gateway = await createTestGateway(env);
    base = await gateway.listen();
    const { newUserQuota: _quota, ...shown } = ACME;
    expect(await status()).toEqual({
      setupRequired: false,
      ...shown,
      publicPricing: false,
      passwordReset: false,
    });
    expect(await settings()).toEqual({
      ...ACME,
      defaultGroup: 'vip',
      inviterQuota: 0,
      inviteeQuota: 0,
      publicPricing: false,
      ...ROUTING_DEFAULTS,
    });
  });

  it('closes sign-up again when root turns it off', async () => {
    await api('/settings', jsonRequest('PATCH', { registrationEnabled: false }, ROOT));
    expect((await status()).registrationEnabled).toBe(false);
    expect((await register({ username: 'late', password: 'late-password' })).status).toBe(403);
  });
});
