import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestToken, createTestUser } from './testing/test-fixtures';

describeEachDatabase('logs', (current) => {
  it('names the users, keys and channels a page refers to, skipping the deleted', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const token = await createTestToken(repositories, user.id);
    const channel = await repositories.channels.create({
      type: 'openai',
      name: 'named-channel',
      keyCiphertext: 'v1:ciphertext',
      models: ['gpt-4o'],
      groups: ['default'],
    });
    const names = await repositories.logs.namesOf([
      { userId: user.id, tokenId: token.id, channelId: channel.id },
      { userId: user.id, tokenId: 987_654, channelId: null },
      { userId: null, tokenId: null, channelId: null },
    ]);
    expect(names).toEqual({
      users: { [user.id]: user.username },
      tokens: { [token.id]: token.name },
      channels: { [channel.id]: 'named-channel' },
    });
    expect(await repositories.logs.namesOf([])).toEqual({ users: {}, tokens: {}, channels: {} });
  });

  it('writes entries and reads them back with parsed attempts and flags', async () => {
    const { repositories } = current();
    const requestId = `req-${Math.random().toString(36).slice(2)}`;
    await repositories.logs.insertMany([
      {
        type: 'consume',
        userId: 1,
        tokenId: 2,
        channelId: 3,
        model: 'gpt-4o',
        upstreamModel: 'gpt-4o-2024-11-20',
        promptTokens: 10,
        completionTokens: 20,
        cachedTokens: 4,
        usageEstimated: true,
        quota: 123,
        requestId,
        elapsedMs: 900,
        firstTokenMs: 150,
        isStream: true,
        status: 200,
        attempts: [
          { channelId: 9, status: 503, errorClass: 'retryable', latencyMs: 40 },
          { channelId: 3, status: 200, latencyMs: 860 },
        ],
        clientIp: '203.0.113.9',
        createdAt: 1_000,
      },
    ]);
    const [entry] = await repositories.logs.listByRequestId(requestId);
    expect(entry).toMatchObject({
      type: 'consume',
      usageEstimated: true,
      isStream: true,
      quota: 123,
      attempts: [
        { channelId: 9, status: 503, errorClass: 'retryable', latencyMs: 40 },
        { channelId: 3, status: 200, latencyMs: 860 },
      ],
    });
  });

  it('pages newest first with a cursor and filters by every dashboard field', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    const entries = Array.from({ length: 25 }, (_, index) => ({
      type: index % 5 === 0 ? ('error' as const) : ('consume' as const),
      userId,
      tokenId: index % 2,
      channelId: 100 + (index % 3),
      model: index % 2 === 0 ? 'gpt-4o' : 'claude-sonnet-4',
      status: index % 5 === 0 ? 502 : 200,
      createdAt: 10_000 + index,
    }));
    await repositories.logs.insertMany(entries);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await repositories.logs.list({ userId, limit: 10, cursor });
      seen.push(...page.items.map((item) => item.createdAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(entries.map((entry) => entry.createdAt).reverse());

    const count = async (filter: Parameters<typeof repositories.logs.list>[0]) =>
      (await repositories.logs.list({ userId, limit: 500, ...filter })).items.length;
    expect(await count({ type: 'error' })).toBe(5);
    expect(await count({ status: 502 })).toBe(5);
    expect(await count({ model: 'gpt-4o' })).toBe(13);
    expect(await count({ tokenId: 1 })).toBe(12);
    expect(await count({ channelId: 101 })).toBe(8);
    expect(await count({ from: 10_010, to: 10_020 })).toBe(10);
  });

  it('orders by time, then id: rows written late with an old date (imports) page in place', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    // Three rows per millisecond, and the oldest written last.
    const times = [20_003, 20_003, 20_003, 20_002, 20_002, 20_001, 20_001, 20_001, 20_000];
    for (const createdAt of times)
      await repositories.logs.insertMany([{ type: 'consume', userId, createdAt }]);

    const seen: Array<[number, number]> = [];
    let cursor: string | null = null;
    do {
      const page = await repositories.logs.list({ userId, limit: 2, cursor });
      seen.push(...page.items.map((item): [number, number] => [item.createdAt, item.id]));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map(([createdAt]) => createdAt)).toEqual([...times].sort().reverse());
    expect(seen).toEqual([...seen].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
    expect(new Set(seen.map(([, id]) => id)).size).toBe(times.length);
    // A garbled cursor reads as none: the first page.
    const first = await repositories.logs.list({ userId, limit: 2, cursor: 'not-a-cursor' });
    expect(first.items.map((item) => item.id)).toEqual(seen.slice(0, 2).map(([, id]) => id));
  });

  it('writes a row whatever the length of the texts a caller controls, cut to their columns', async () => {
    // A settlement's log row is written in the settlement's transaction: a value too long
    // for its column (an X-Forwarded-For of a few hundred characters) failed the settlement
    // on MariaDB and PostgreSQL, and the request went unbilled.
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    await repositories.logs.insertMany([
      {
        type: 'consume',
        userId,
        clientIp: `203.0.113.7 ${'x'.repeat(300)}`,
        requestId: `r${'q'.repeat(99)}`,
        model: `m${'é'.repeat(300)}`,
        upstreamModel: `u${'🚀'.repeat(300)}`,
      },
    ]);
    const [entry] = (await repositories.logs.list({ userId })).items;
    expect(entry?.clientIp).toBe(`203.0.113.7 ${'x'.repeat(52)}`);
    expect(entry?.requestId).toBe(`r${'q'.repeat(63)}`);
    expect(entry?.model).toBe(`m${'é'.repeat(190)}`);
    // Cut by characters (rockets are two UTF-16 units each), never inside one.
    expect(entry?.upstreamModel).toBe(`u${'🚀'.repeat(190)}`);
  });

  it('deletes old entries in batches', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    await repositories.logs.insertMany(
      Array.from({ length: 7 }, (_, index) => ({
        type: 'system' as const,
        userId,
        createdAt: index,
      })),
    );
    expect(await repositories.logs.deleteBefore(5, 3)).toBe(3);
    expect(await repositories.logs.deleteBefore(5, 3)).toBe(2);
    expect(await repositories.logs.deleteBefore(5, 3)).toBe(0);
    expect((await repositories.logs.list({ userId })).items).toHaveLength(2);
  });
});
