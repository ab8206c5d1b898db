import { existsSync } from 'node:fs';
import { createStorage } from '@oneapi/storage';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashSecret } from '../secrets/hash-secret';
import { verifyPassword } from '../secrets/passwords';
import { createTempDatabase, createTestIo } from '../testing/cli/create-test-cli';
import { runCli } from './run-cli';

let database: ReturnType<typeof createTempDatabase>;
beforeEach(() => {
  database = createTempDatabase();
});
afterEach(() => database.dispose());

async function findUser(username: string) {
  const storage = await createStorage({ sqlitePath: database.sqlitePath });
  try {
    return {
      user: await storage.repositories.users.findByUsername(username),
      count: await storage.repositories.users.count(),
    };
  } finally {
    await storage.close();
  }
}

it('creates a root account whose password, read from stdin, verifies', async () => {
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath }, 'correct horse battery\n');
  expect(await runCli(['create-root', '--username', 'admin', '--password-stdin'], io)).toBe(0);
  expect(io.output).toEqual(['root account "admin" created']);
  const { user } = await findUser('admin');
  expect(user).toMatchObject({ role: 'root', status: 'enabled', accessTokenHash: null });
  // The newline `echo` adds is not part of the password.
  expect(await verifyPassword('correct horse battery', user!.passwordHash!)).toBe(true);
  expect(await verifyPassword('correct horse battery\n', user!.passwordHash!)).toBe(false);
});

it('takes the password from INITIAL_ROOT_PASSWORD and prints a generated access token once', async () => {
  const env = { SQLITE_PATH: database.sqlitePath, INITIAL_ROOT_PASSWORD: 'from-the-env-1' };
  const io = createTestIo(env);
  expect(await runCli(['create-root', '--username', 'ops', '--generate-access-token'], io)).toBe(0);
  const token = /access token \(shown once\): (at-\w{40})$/.exec(io.output.join('\n'))?.[1];
  expect(token).toBeDefined();
  const { user } = await findUser('ops');
  expect(user!.accessTokenHash).toBe(hashSecret(token!));
  expect(await verifyPassword('from-the-env-1', user!.passwordHash!)).toBe(true);
});

it('refuses a username that exists and leaves that account alone', async () => {
  const env = { SQLITE_PATH: database.sqlitePath };
  expect(
    await runCli(
      ['create-root', '--username', 'admin', '--password-stdin'],
      createTestIo(env, 'first-password'),
    ),
  ).toBe(0);
  const again = createTestIo(env, 'second-password');
  expect(await runCli(['create-root', '--username', 'admin', '--password-stdin'], again)).toBe(1);
  expect(again.errors).toEqual(['oneapi: A user named "admin" already exists; nothing changed']);
  const { user, count } = await findUser('admin');
  expect(count).toBe(1);
  expect(await verifyPassword('first-password', user!.passwordHash!)).toBe(true);
});

it.each([
  [['--username', 'admin', '--password', 'hunter2hunter2'], '--password is refused'],
  [['--username', 'admin', '--access-token', 'at-secret'], '--access-token is refused'],
  [['--password-stdin'], 'needs --username'],
  [['--username', 'a b', '--password-stdin'], '--username must be'],
  [['--username', 'admin'], 'needs a password'],
  [['--username', 'admin', '--password-stdin', '--force'], "Unknown option '--force'"],
])('exits 2 without touching the database for create-root %j', async (args, message) => {
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath }, 'long-enough-password');
  expect(await runCli(['create-root', ...args], io)).toBe(2);
  expect(io.errors[0]).toContain(message);
  expect(existsSync(database.sqlitePath)).toBe(false);
});

it('refuses a password shorter than 8 characters', async () => {
  const io = createTestIo({ SQLITE_PATH: database.sqlitePath }, 'short\n');
  expect(await runCli(['create-root', '--username', 'admin', '--password-stdin'], io)).toBe(2);
  expect(io.errors[0]).toContain('8 to 256 characters');
});
