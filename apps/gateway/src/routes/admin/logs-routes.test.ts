import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  ROOT,
  ROOT_ENV,
  signIn,
  startOpenAIUpstream,
} from '../../testing/admin/admin-test-kit';
import { createTestGateway, type TestGateway } from '../../testing/create-test-gateway';

interface NamedEntry {
  type: string;
  userId: number | null;
  userName: string | null;
  tokenName: string | null;
  channelId: number | null;
  channelName: string | null;
}

describe('GET /api/logs names and username filter', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let mia: { id: number; apiKey: string };
  let ned: { id: number; apiKey: string };

  const list = async (query: string, headers: Record<string, string> = ROOT) => {
    const response = await fetch(`${base}/api/logs?type=consume&${query}`, { headers });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: NamedEntry[] }).items;
  };

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    await createOpenAIChannel(base, upstream, { name: 'primary-openai' });
    mia = await createUserWithKey(base, { username: 'mia', password: 'mia-password', quota: 1e6 });
    ned = await createUserWithKey(base, { username: 'ned', password: 'ned-password', quota: 1e6 });
    expect((await chat(base, mia.apiKey)).status).toBe(200);
    expect((await chat(base, ned.apiKey)).status).toBe(200);
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('names the user, key and channel of each entry', async () => {
    // Log rows are written in the background: wait for both.
    await expect.poll(async () => (await list('')).length, { timeout: 5_000 }).toBe(2);
    const entries = await list('');
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: mia.id,
          userName: 'mia',
          tokenName: 'test',
          channelName: 'primary-openai',
        }),
        expect.objectContaining({ userId: ned.id, userName: 'ned' }),
      ]),
    );
  });

  it('filters by username; a name that is nobody’s matches nothing', async () => {
    const entries = await list('username=mia');
    expect(entries.map((entry) => entry.userName)).toEqual(['mia']);
    expect(await list('username=nobody')).toEqual([]);
    expect(await list(`username=mia&userId=${ned.id}`)).toEqual([]);
    const csv = await fetch(`${base}/api/logs/export.csv?type=consume&username=ned`, {
      headers: ROOT,
    });
    const rows = (await csv.text()).trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('user_id,user_name,token_id,token_name,channel_id,channel_name');
    expect(rows[1]).toContain(`,${ned.id},ned,`);
    expect(rows[1]).toContain(',primary-openai,');
  });

  it('shows a user their own entries, without the channel’s name', async () => {
    const session = await signIn(base, 'mia', 'mia-password');
    const entries = await list('username=ned', session);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userName: 'mia', tokenName: 'test', channelName: null });
    expect(entries[0]!.channelId).not.toBeNull();
  });
});
