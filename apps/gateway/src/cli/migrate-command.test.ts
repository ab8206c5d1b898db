import { createStorage } from '@oneapi/storage';
import { afterEach, expect, it } from 'vitest';
import { createTempDatabase, createTestIo } from '../testing/cli/create-test-cli';
import { runCli } from './run-cli';

let database: ReturnType<typeof createTempDatabase>;
afterEach(() => database.dispose());

it('applies the migrations once, then finds nothing left to apply', async () => {
  database = createTempDatabase();
  const first = createTestIo({ SQLITE_PATH: database.sqlitePath });
  expect(await runCli(['migrate'], first)).toBe(0);
  const applied = first.output.filter((line) => line.startsWith('applied '));
  expect(applied.length).toBeGreaterThan(0);
  expect(first.output.at(-1)).toBe(
    `sqlite database at ${database.sqlitePath}: ${applied.length} migration(s) applied`,
  );

  const storage = await createStorage({ sqlitePath: database.sqlitePath });
  try {
    expect(await storage.repositories.users.count()).toBe(0);
  } finally {
    await storage.close();
  }

  const second = createTestIo({ SQLITE_PATH: database.sqlitePath });
  expect(await runCli(['migrate'], second)).toBe(0);
  expect(second.output).toEqual([
    `sqlite database at ${database.sqlitePath}: 0 migration(s) applied`,
  ]);
});

it('stops with status 1 and the reason when the configuration is invalid', async () => {
  database = createTempDatabase();
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath, PORT: 'many' });
  expect(await runCli(['migrate'], io)).toBe(1);
  expect(io.errors.join('\n')).toContain('PORT');
});
