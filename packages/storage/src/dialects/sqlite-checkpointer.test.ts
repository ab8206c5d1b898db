import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage } from '../create-database';
import { startSqliteCheckpointer } from './sqlite-checkpointer';

const directories: string[] = [];
const newDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-checkpointer-'));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

describe('SQLite checkpoints off the event loop', () => {
  it('copies committed WAL frames into the database file from another thread once busy', async () => {
    const path = join(newDirectory(), 'oneapi.db');
    const storage = await createStorage({ sqlitePath: path });
    const autocheckpoint = async () => {
      const { rows } = await sql<{
        walAutocheckpoint: number;
      }>`pragma wal_autocheckpoint`.execute(storage.db);
      return rows[0]?.walAutocheckpoint;
    };
    try {
      await storage.migrate();
      // Lightly used: SQLite checkpoints by itself and no thread is started.
      expect(await autocheckpoint()).toBe(1_000);

      const before = statSync(path).size;
      // Commits of one 100 KB row until the WAL passes the 2 MB that starts the thread:
      // about 550 frames, below the 1,000 at which SQLite's own checkpoint would copy
      // anything, so only the thread can move them into the file.
      let commits = 0;
      while (statSync(`${path}-wal`).size < 2.1 * 1024 * 1024 && commits < 40) {
        commits += 1;
        await storage.transaction((repositories) =>
          repositories.logs.insertMany([
            {
              type: 'consume' as const,
              userId: 1,
              requestId: `checkpoint-${commits}`,
              content: 'x'.repeat(100_000),
            },
          ]),
        );
      }
      expect(commits).toBeLessThan(40);
      // Writes go on (the WAL size is looked at every few commits), small ones.
      for (let more = 0; more < 20; more++) {
        await storage.transaction((repositories) =>
          repositories.logs.insertMany([
            { type: 'consume' as const, userId: 1, requestId: `checkpoint-small-${more}` },
          ]),
        );
      }
      expect(await waitFor(() => statSync(path).size >= before + 1_500_000)).toBe(true);
      // From then on the writer never checkpoints by itself.
      expect(await autocheckpoint()).toBe(0);
    } finally {
      await storage.close();
    }

    const reopened = await createStorage({ sqlitePath: path });
    try {
      const page = await reopened.repositories.logs.list({ limit: 5 });
      expect(page.items).toHaveLength(5);
      expect(page.items.map((entry) => entry.requestId)).toEqual(
        [19, 18, 17, 16, 15].map((more) => `checkpoint-small-${more}`),
      );
    } finally {
      await reopened.close();
    }
  });

  it('reports that it could not start, so the writer keeps checkpointing itself', async () => {
    const missing = join(newDirectory(), 'no-such-directory', 'oneapi.db');
    let lost = false;
    const checkpointer = await startSqliteCheckpointer(missing, undefined, () => {
      lost = true;
    });
    expect(checkpointer).toBeNull();
    expect(lost).toBe(false);
  });

  it('stops with a last checkpoint and lets the process exit', async () => {
    const path = join(newDirectory(), 'oneapi.db');
    const storage = await createStorage({ sqlitePath: path });
    await storage.migrate();
    await storage.close();
    // Closing the last connection checkpoints and deletes the WAL; a worker still holding
    // the file open would keep the WAL there.
    expect(() => statSync(`${path}-wal`)).toThrow();
  });
});
