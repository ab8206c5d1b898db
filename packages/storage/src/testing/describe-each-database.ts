import { afterAll, beforeAll, describe } from 'vitest';
import type { DialectName } from '../dsn';
import { listTestDatabases, type TestStorage } from './index';

/**
 * Declares the same suite once per dialect, or per dialect of `dialects`. Each suite gets
 * its own fresh, migrated database; `current()` returns it inside tests. Skipped dialects
 * show their reason in the suite title.
 */
export function describeEachDatabase(
  title: string,
  define: (current: () => TestStorage) => void,
  /** Only these dialects (a behaviour one of them alone has); default every one. */
  dialects?: readonly DialectName[],
): void {
  for (const database of listTestDatabases()) {
    if (dialects && !dialects.includes(database.dialect)) continue;
    const suiteTitle = database.skipReason
      ? `${title} [${database.dialect}] (skipped: ${database.skipReason})`
      : `${title} [${database.dialect}]`;
    describe.skipIf(database.skipReason !== undefined)(suiteTitle, () => {
      let storage: TestStorage | undefined;
      beforeAll(async () => {
        storage = await database.create();
        await storage.migrate();
      });
      afterAll(async () => {
        await storage?.dispose();
      });
      define(() => {
        if (!storage) throw new Error('The test database is not ready');
        return storage;
      });
    });
  }
}
