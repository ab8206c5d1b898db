import { createHook } from 'node:async_hooks';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStorage } from '../create-database';
import { flushWalInBackground } from './wal-flusher';

const directory = mkdtempSync(join(tmpdir(), 'oneapi-wal-flusher-'));

// The flusher's interval is unref'd, so process.getActiveResourcesInfo() does not list it:
// every repeating timer created while a test runs is watched instead.
type Timer = { _repeat: number | null; _destroyed: boolean };
const created: Timer[] = [];
const hook = createHook({
  init(_id, type, _trigger, resource) {
    if (type === 'Timeout') created.push(resource as Timer);
  },
});
const runningIntervals = () =>
  created.filter((timer) => timer._repeat !== null && !timer._destroyed).length;

beforeAll(() => hook.enable());
afterAll(() => {
  hook.disable();
  rmSync(directory, { recursive: true, force: true });
});

it('flushes a file database’s WAL from its opening until its close', async () => {
  const before = runningIntervals();
  const storage = await createStorage({ sqlitePath: join(directory, 'flushed.db') });
  await storage.migrate();
  expect(runningIntervals()).toBe(before + 1);
  await storage.close();
  expect(runningIntervals()).toBe(before);
});

it('leaves no flusher behind a file database closed before its first query', async () => {
  const before = runningIntervals();
  const storage = await createStorage({ sqlitePath: join(directory, 'never-queried.db') });
  await storage.close();
  expect(runningIntervals()).toBe(before);
});

it('starts no flusher for an in-memory database', async () => {
  const before = runningIntervals();
  const storage = await createStorage({ sqlitePath: ':memory:' });
  await storage.migrate();
  expect(runningIntervals()).toBe(before);
  await storage.close();
});

it('skips a WAL that is not there, and creates none', async () => {
  const walPath = join(directory, 'never-opened.db-wal');
  const stop = flushWalInBackground(walPath, 1);
  // Several turns on the missing file: a rejected flush would fail the run as unhandled.
  await sleep(20);
  await stop();
  expect(existsSync(walPath)).toBe(false);
});
