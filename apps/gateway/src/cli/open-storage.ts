import { createStorage, maskDsn, type Storage } from '@oneapi/storage';
import type { GatewayConfig } from '../config';
import { seaSqliteAddon } from '../distribution/sea-resources';

/**
 * The database the server would use, with its migrations applied: every command works on
 * the schema the server expects, and migrating is safe while other instances start.
 */
export async function openStorage(
  config: GatewayConfig,
): Promise<{ storage: Storage; where: string; applied: string[] }> {
  const storage = await createStorage({
    dsn: config.sqlDsn,
    sqlitePath: config.sqlitePath,
    sqliteNativeBinding: seaSqliteAddon(),
  });
  try {
    const applied = await storage.migrate();
    const where = storage.dialect === 'sqlite' ? config.sqlitePath : maskDsn(config.sqlDsn);
    return { storage, where, applied };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
