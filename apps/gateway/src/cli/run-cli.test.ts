import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentSchema } from '../config';
import { createTempDatabase, createTestIo } from '../testing/cli/create-test-cli';
import { runCli, USAGE } from './run-cli';

// The built binary, as `oneapi` runs it; the test task runs after `build` (turbo.json).
const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;
const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

function oneapi(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    env: { ...process.env, SQL_DSN: '', KEY_ENCRYPTION_KEY: '', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the built oneapi binary', () => {
  let database: ReturnType<typeof createTempDatabase> | undefined;
  afterEach(() => database?.dispose());

  it('prints the package version, with the commit it was built from', () => {
    const result = oneapi(['version']);
    expect(result.status).toBe(0);
    // Built in a git checkout, the commit comes along: `0.0.0` alone told no build from another.
    const inCheckout =
      spawnSync('git', ['rev-parse', 'HEAD'], { cwd: new URL('.', import.meta.url) }).status === 0;
    const pattern = `^${version.replaceAll('.', '\\.')}${inCheckout ? '\\+[0-9a-f]{7,}' : ''}\n$`;
    expect(result.stdout).toMatch(new RegExp(pattern));
  });

  it('exits 2 with the usage on stderr for an unknown command', () => {
    const result = oneapi(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: oneapi');
  });

  it('prints the usage for --help and exits 0', () => {
    const result = oneapi(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('rotate-key');
  });

  it('migrates and creates a root account from piped stdin, then exits by itself', () => {
    database = createTempDatabase();
    const env = { SQLITE_PATH: database.sqlitePath };
    const migrated = oneapi(['migrate'], { env });
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/: [1-9]\d* migration\(s\) applied\n$/);
    const created = oneapi(['create-root', '--username', 'admin', '--password-stdin'], {
      env,
      input: 'a-long-password\n',
    });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const duplicate = oneapi(['create-root', '--username', 'admin', '--password-stdin'], {
      env,
      input: 'a-long-password\n',
    });
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
  });
});

describe('runCli', () => {
  it.each([
    ['start', '--port'],
    ['migrate', 'now'],
  ])('exits 2 for options %s does not take', async (...argv) => {
    const io = createTestIo({});
    expect(await runCli(argv, io)).toBe(2);
    expect(io.errors[0]).toContain('takes no options');
  });

  it('names every environment variable in --help', () => {
    for (const name of Object.keys(environmentSchema.shape)) expect(USAGE).toContain(name);
  });

  it('answers --help after any command without running it', async () => {
    const io = createTestIo({});
    expect(await runCli(['rotate-key', '--help'], io)).toBe(0);
    expect(io.output[0]).toContain('Usage: oneapi');
  });

  it('still exits 2 for an unknown command given --help', async () => {
    const io = createTestIo({});
    expect(await runCli(['rotate-keys', '--help'], io)).toBe(2);
    expect(io.errors[0]).toContain('unknown command "rotate-keys"');
  });
});
