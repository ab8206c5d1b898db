import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTempDatabase, createTestIo } from '../../testing/cli/create-test-cli';
import { runCli } from '../run-cli';

let database: ReturnType<typeof createTempDatabase>;
afterEach(() => database.dispose());

it.each([
  [[], {}, 'needs --from'],
  [['--from', 'x.db', '--source-kind', 'one-hub'], {}, '--source-kind must be one-api or new-api'],
  [['--from', 'x.db', '--to', 'y'], {}, "Unknown option '--to'"],
])('exits 2 on wrong usage (%j)', async (args, env, message) => {
  database = createTempDatabase();
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath, ...env });
  expect(await runCli(['import-one-api', ...args], io)).toBe(2);
  expect(io.errors[0]).toContain(message);
});

it('exits 1 without writing when the source is missing or not One API', async () => {
  database = createTempDatabase();
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath });
  const missing = join(database.directory, 'missing.db');
  expect(await runCli(['import-one-api', '--from', missing], io)).toBe(1);
  expect(io.errors[0]).toContain(`No One API database at ${missing}`);
  expect(existsSync(missing)).toBe(false);

  const notADatabase = join(database.directory, 'notes.txt');
  writeFileSync(notADatabase, 'hello');
  const again = createTestIo({ ONE_API_SQL_DSN: notADatabase, SQLITE_PATH: database.sqlitePath });
  expect(await runCli(['import-one-api'], again)).toBe(1);
  expect(again.errors[0]).toContain(`Cannot read ${notADatabase}`);
  expect(existsSync(database.sqlitePath)).toBe(false);
});
