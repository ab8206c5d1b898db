import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStorage, type Storage } from '../create-database';
import type { NewLogEntry } from '../repositories/logs-repository';
import { WAL_AUTOCHECKPOINT_PAGES } from './sqlite-dialect';

const databaseDirectory = mkdtempSync(join(tmpdir(), 'oneapi-sqlite-wal-'));
let storage: Storage;

beforeAll(async () => {
  storage = await createStorage({ sqlitePath: join(databaseDirectory, 'oneapi.db') });
  await storage.migrate();
});

afterAll(async () => {
  await storage.close();
  rmSync(databaseDirectory, { recursive: true, force: true });
});

const consumeLog = (): NewLogEntry => ({
  type: 'consume',
  userId: 1,
  tokenId: 1,
  channelId: 1,
  model: 'gpt-4o',
  promptTokens: 10,
  completionTokens: 20,
  quota: 30,
  requestId: randomUUID(),
  status: 200,
});

/** Frames in the WAL since its last checkpoint (this checkpoint reports them, then runs). */
async function walFramesSinceCheckpoint(): Promise<number> {
  const { rows } = await sql<{ log: number }>`pragma wal_checkpoint(passive)`.execute(storage.db);
  return rows[0]!.log;
}

it('checkpoints the WAL only every WAL_AUTOCHECKPOINT_PAGES pages, not at SQLite’s 1,000', async () => {
  await walFramesSinceCheckpoint();
  // Small transactions, as the ledger's batches are: some ten pages each, 3,000 in all.
  for (let round = 0; round < 300; round += 1) {
    await storage.repositories.logs.insertMany(Array.from({ length: 40 }, consumeLog));
  }
  const sinceCheckpoint = await walFramesSinceCheckpoint();
  expect(sinceCheckpoint).toBeGreaterThan(2_000);
  expect(sinceCheckpoint).toBeLessThan(WAL_AUTOCHECKPOINT_PAGES + 1_000);
});
