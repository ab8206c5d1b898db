import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../cli/cli-io';

/** A CliIo for in-process tests: what a command prints is kept, stdin is given. */
export function createTestIo(
  env: NodeJS.ProcessEnv,
  stdin = '',
): CliIo & { readonly output: string[]; readonly errors: string[] } {
  const output: string[] = [];
  const errors: string[] = [];
  return {
    env,
    output,
    errors,
    print: (line) => output.push(line),
    printError: (line) => errors.push(line),
    readStdin: async () => stdin,
  };
}

/** A fresh folder for one test's SQLite database (and its key file). */
export function createTempDatabase(): { directory: string; sqlitePath: string; dispose(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-cli-'));
  return {
    directory,
    sqlitePath: join(directory, 'oneapi.db'),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
