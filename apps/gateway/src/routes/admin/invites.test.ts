import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithKey, ROOT, ROOT_ENV, signIn } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

interface Invite {
  inviteCode: string;
  inviterQuota: number;
  inviteeQuota: number;
}

describe('invite codes and rewards', () => {
  let gateway: TestGateway;
  let base: string;
  let ada: { id: number; session: Record<string, string> };

  const api = (path: string, init?: RequestInit) => fetch(`${base}/api${path}`, init);
  const quotaOf = async (id: number) =>
    (await gateway.services.storage.repositories.users.findById(id))?.quota;
  const inviteOf = async (headers: Record<string, string>) => {
    const response = await api('/user/self/invite', { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as Invite;
  };
  // Each call from its own address: sign-ups are throttled per client.
  let clients = 0;
  const register = (body: unknown) =>
    api(
      '/auth/register',
      jsonRequest('POST', body, { 'x-forwarded-for': `198.51.100.${++clients}` }),
    );

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    const settings = {
      registrationEnabled: true,
      newUserQuota: 1_000,
      inviterQuota: 300,
      inviteeQuota: 200,
    };
    expect((await api('/settings', jsonRequest('PATCH', settings, ROOT))).status).toBe(200);
    const { id } = await createUserWithKey(base, { username: 'ada', password: 'ada-password' });
    ada = { id, session: await signIn(base, 'ada', 'ada-password') };
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('makes one’s invite code on first request and keeps it', async () => {
    const self = async () =>
      (await (await api('/user/self', { headers: ada.session })).json()) as {
        inviteCode: string | null;
      };
    expect((await self()).inviteCode).toBeNull();
    const first = await inviteOf(ada.session);
    expect(first).toEqual({
      inviteCode: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      inviterQuota: 300,
      inviteeQuota: 200,
    });
    expect((await inviteOf(ada.session)).inviteCode).toBe(first.inviteCode);
    expect((await self()).inviteCode).toBe(first.inviteCode);
  });

  it('gives two first requests at once the same code', async () => {
    const { id } = await createUserWithKey(base, { username: 'eve', password: 'eve-password' });
    const session = await signIn(base, 'eve', 'eve-password');
    const [one, two] = await Promise.all([inviteOf(session), inviteOf(session)]);
    expect(one.inviteCode).toBe(two.inviteCode);
    const stored = await gateway.services.storage.repositories.users.findById(id);
    expect(stored?.inviteCode).toBe(one.inviteCode);
  });

  it('rewards both sides of a sign-up with a code, once, through the ledger', async () => {
    const { inviteCode } = await inviteOf(ada.session);
    const before = await quotaOf(ada.id);
    const created = await register({ username: 'bob', password: 'bob-password', inviteCode });
    expect(created.status).toBe(201);
    const bob = (await created.json()) as { id: number; quota: number; inviterId: number };
    expect(bob).toMatchObject({ quota: 1_200, inviterId: ada.id });
    expect(await quotaOf(bob.id)).toBe(1_200);
    expect(await quotaOf(ada.id)).toBe(before! + 300);
    // Top-ups with keys derived from the invitee: a replay would credit nothing more.
    const { quotaAdjustments } = gateway.services.storage.repositories;
    expect(await quotaAdjustments.findByKey(`invite:${bob.id}:inviter`)).toMatchObject({
      userId: ada.id,
      amount: 300,
    });
    expect(await quotaAdjustments.findByKey(`invite:${bob.id}:invitee`)).toMatchObject({
      userId: bob.id,
      amount: 200,
    });
  });

  it('signs up without a code (or an empty one) with the new-user quota only', async () => {
    const before = await quotaOf(ada.id);
    for (const [username, extra] of [
      ['carol', {}],
      ['dave', { inviteCode: ' ' }],
    ] as const) {
      const created = await register({ username, password: `${username}-password`, ...extra });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ quota: 1_000, inviterId: null });
    }
    expect(await quotaOf(ada.id)).toBe(before);
  });

  it('refuses an unknown invite code, creating nobody', async () => {
    const refused = await register({
      username: 'mallory',
      password: 'mallory-password',
      inviteCode: 'not-a-code',
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { param: 'inviteCode', type: 'invalid_request_error' },
    });
    expect(await gateway.services.storage.repositories.users.findByUsername('mallory')).toBe(
      undefined,
    );
  });

  it('refuses the code of a disabled account', async () => {
    const { inviteCode } = await inviteOf(ada.session);
    await api(`/users/${ada.id}`, jsonRequest('PATCH', { status: 'disabled' }, ROOT));
    const refused = await register({ username: 'trent', password: 'trent-password', inviteCode });
    expect(refused.status).toBe(400);
    await api(`/users/${ada.id}`, jsonRequest('PATCH', { status: 'enabled' }, ROOT));
  });
});
