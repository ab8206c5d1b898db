import { loadConfig } from '../config';
import type { CliIo } from './cli-io';
import { openStorage } from './open-storage';

/** `oneapi migrate`: brings the schema up to date without starting the server. */
export async function runMigrate(io: CliIo): Promise<number> {
  const { storage, where, applied } = await openStorage(loadConfig(io.env));
  try {
    for (const name of applied) io.print(`applied ${name}`);
    io.print(`${storage.dialect} database at ${where}: ${applied.length} migration(s) applied`);
    return 0;
  } finally {
    await storage.close();
  }
}
