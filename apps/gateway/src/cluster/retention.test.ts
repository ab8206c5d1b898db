import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_RESERVATION_RETENTION_MS, deleteExpiredRecords } from './retention';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

describe('retention', () => {
  let directory: string;
  let storage: Storage;
  let userId: number;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'oneapi-retention-'));
    storage = await createStorage({ sqlitePath: join(directory, 'oneapi.db') });
    await storage.migrate();
    const user = await storage.repositories.users.create({
      username: 'retained',
      displayName: 'Retained',
      role: 'user',
      status: 'enabled',
      groupName: 'default',
      quota: 0,
    });
    userId = user.id;
  });

  afterAll(async () => {
    await storage?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** `count` reservations created at `createdAt`, closed unless `open`. */
  async function reservations(prefix: string, count: number, createdAt: number, open = false) {
    const { quotaReservations } = storage.repositories;
    for (let start = 0; start < count; start += 100) {
      const requestIds = Array.from(
        { length: Math.min(100, count - start) },
        (_, index) => `${prefix}-${start + index}`,
      );
      await quotaReservations.createMany(
        requestIds.map((requestId) => ({ requestId, tokenId: null, userId, amount: 10 })),
        createdAt,
      );
      if (!open)
        await quotaReservations.closeMany(
          requestIds.map((requestId) => ({
            requestId,
            outcome: { state: 'settled', charged: 4 },
            now: createdAt + 1,
          })),
        );
    }
  }

  const countRows = async (table: 'quotaReservations' | 'logs') =>
    Number(
      (
        await storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  it('deletes every closed reservation older than a day, batch after batch, and nothing open', async () => {
    const old = NOW - CLOSED_RESERVATION_RETENTION_MS - 1;
    // More than two batches' worth: one batch per run would leave most of them.
    await reservations('old', 2_345, old);
    await reservations('old-open', 3, old, true);
    await reservations('recent', 5, NOW - DAY / 2);
    await storage.repositories.logs.insertMany(
      Array.from({ length: 1_200 }, () => ({
        type: 'consume' as const,
        userId,
        createdAt: NOW - 8 * DAY,
      })),
    );

    expect(
      await deleteExpiredRecords(storage.repositories, { now: NOW, logRetentionMs: 0 }),
    ).toEqual({ reservations: 2_345, logs: 0 });
    expect(await countRows('quotaReservations')).toBe(8);
    expect(await storage.repositories.quotaReservations.countOpen()).toBe(3);
    // Logs are kept when no retention is set.
    expect(await countRows('logs')).toBe(1_200);
  });

  it('deletes request logs older than the retention, however many', async () => {
    await storage.repositories.logs.insertMany(
      Array.from({ length: 3 }, () => ({ type: 'consume' as const, userId, createdAt: NOW })),
    );
    expect(
      await deleteExpiredRecords(storage.repositories, { now: NOW, logRetentionMs: 7 * DAY }),
    ).toEqual({ reservations: 0, logs: 1_200 });
    expect(await countRows('logs')).toBe(3);
  });
});
