import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { hourOf } from './usage-hourly-repository';

const HOUR = 3_600_000;

describeEachDatabase('hourly usage rollups', (current) => {
  it('adds into the same hour row and keeps other hours and keys apart', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    const base = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
    const key = { userId, tokenId: 7, model: 'gpt-4o', channelId: 3 };
    await repositories.usageHourly.add({
      ...key,
      at: base + 10,
      requests: 1,
      promptTokens: 100,
      quota: 50,
    });
    await repositories.usageHourly.add({
      ...key,
      at: base + 20,
      requests: 1,
      completionTokens: 9,
      quota: 25,
    });
    await repositories.usageHourly.add({ ...key, at: base + HOUR, requests: 1, errors: 1 });
    await repositories.usageHourly.add({
      ...key,
      channelId: 4,
      at: base + 30,
      requests: 1,
      quota: 5,
    });

    const rows = await repositories.usageHourly.list({ userId, from: base, to: base + 2 * HOUR });
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.hour === base && row.channelId === 3)).toMatchObject({
      requests: 2,
      promptTokens: 100,
      completionTokens: 9,
      quota: 75,
    });
    expect(
      await repositories.usageHourly.total({ userId, from: base, to: base + 2 * HOUR }),
    ).toEqual({
      requests: 4,
      errors: 1,
      promptTokens: 100,
      completionTokens: 9,
      cachedTokens: 0,
      quota: 80,
    });
    expect(
      (await repositories.usageHourly.total({ userId, channelId: 4, from: base, to: base + HOUR }))
        .quota,
    ).toBe(5);
  });

  it('adds many increments in one upsert, summing those of the same hour and key', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    const base = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
    const key = { userId, tokenId: 7, model: 'gpt-4o', channelId: 3 };
    await repositories.usageHourly.add({ ...key, at: base, requests: 1, quota: 1 });
    await repositories.usageHourly.addMany([
      { ...key, at: base + 1, requests: 1, promptTokens: 10, quota: 5 },
      { ...key, at: base + 2, requests: 1, errors: 1 },
      { ...key, at: base + HOUR, requests: 1, cachedTokens: 4 },
      { ...key, model: 'other', at: base + 3, requests: 1, completionTokens: 8, quota: 2 },
    ]);
    await repositories.usageHourly.addMany([]);
    const rows = await repositories.usageHourly.list({ userId, from: base, to: base + 2 * HOUR });
    const pick = (hour: number, model: string) =>
      rows.find((row) => row.hour === hour && row.model === model);
    expect(rows).toHaveLength(3);
    expect(pick(base, 'gpt-4o')).toMatchObject({
      requests: 3,
      errors: 1,
      promptTokens: 10,
      quota: 6,
    });
    expect(pick(base + HOUR, 'gpt-4o')).toMatchObject({ requests: 1, cachedTokens: 4 });
    expect(pick(base, 'other')).toMatchObject({ requests: 1, completionTokens: 8, quota: 2 });
  });

  it('counts every concurrent increment', async () => {
    const { repositories } = current();
    const userId = Math.floor(Math.random() * 1e9);
    const at = 1_700_000_000_000;
    await Promise.all(
      Array.from({ length: 40 }, () =>
        repositories.usageHourly.add({
          userId,
          tokenId: 1,
          model: 'm',
          channelId: 1,
          at,
          requests: 1,
          quota: 3,
        }),
      ),
    );
    const [row] = await repositories.usageHourly.list({ userId, from: at, to: at + 1 });
    expect(row).toMatchObject({ hour: hourOf(at), requests: 40, quota: 120 });
  });
});
