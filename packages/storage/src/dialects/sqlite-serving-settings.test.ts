import { randomUUID } from 'node:crypto';
import { type FSWatcher, mkdtempSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStorage, type Storage } from '../create-database';
import type { NewLogEntry } from '../repositories/logs-repository';

// SQLite looks for its temporary directory each time it needs one, until SQLITE_TMPDIR is set;
// this file's process sets it before its first write, so every temporary file lands here.
const temporaryDirectory = mkdtempSync(join(tmpdir(), 'oneapi-sqlite-tmp-'));
process.env.SQLITE_TMPDIR = temporaryDirectory;

const databaseDirectory = mkdtempSync(join(tmpdir(), 'oneapi-sqlite-db-'));
let storage: Storage;
let watcher: FSWatcher;
const created: string[] = [];

beforeAll(async () => {
  storage = await createStorage({ sqlitePath: join(databaseDirectory, 'oneapi.db') });
  await storage.migrate();
  watcher = watch(temporaryDirectory, (_event, name) => created.push(String(name)));
});

afterAll(async () => {
  watcher.close();
  await storage.close();
  rmSync(temporaryDirectory, { recursive: true, force: true });
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

it('writes a transaction of multi-row statements without a temporary file', async () => {
  // Random request ids spread the batch over the existing index's pages: the statement
  // journal then holds far more than SQLite's 64 KiB spill threshold.
  for (let round = 0; round < 10; round += 1) {
    await storage.repositories.logs.insertMany(Array.from({ length: 500 }, consumeLog));
  }
  await storage.transaction(async (repositories) => {
    await repositories.logs.insertMany(Array.from({ length: 400 }, consumeLog));
  });
  // inotify reports asynchronously; a file created and unlinked is two events.
  await sleep(200);
  expect(created).toEqual([]);
  expect((await storage.repositories.logs.list({ limit: 1 })).items).toHaveLength(1);
});

/** Frames in the WAL since its last checkpoint (this checkpoint reports them, then runs). */
async function walFramesSinceCheckpoint(): Promise<number> {
  const { rows } = await sql<{ log: number }>`pragma wal_checkpoint(passive)`.execute(storage.db);
  return rows[0]!.log;
}

it('checkpoints the WAL less often than SQLite’s default of every 1,000 pages', async () => {
  await walFramesSinceCheckpoint();
  // Small transactions, as the ledger's batches are: some ten pages each, 3,000 in all.
  for (let round = 0; round < 300; round += 1) {
    await storage.repositories.logs.insertMany(Array.from({ length: 40 }, consumeLog));
  }
  const sinceCheckpoint = await walFramesSinceCheckpoint();
  // At SQLite's default a checkpoint would have run after 1,000 frames (900-1,017 frames measured).
  expect(sinceCheckpoint).toBeGreaterThan(2_000);
});
