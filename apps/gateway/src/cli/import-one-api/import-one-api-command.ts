import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createStorage, maskDsn, type Storage } from '@oneapi/storage';
import { resolveKeyEncryptionKey } from '../../bootstrap/resolve-key-encryption-key';
import { type GatewayConfig, loadConfig } from '../../config';
import { seaSqliteAddon } from '../../distribution/sea-resources';
import { createKeyCipher } from '../../secrets/key-cipher';
import { CliError, type CliIo } from '../cli-io';
import { openStorage } from '../open-storage';
import type { SourceKind } from './channel-types';
import { detectSourceKind } from './detect-source-kind';
import { formatReport } from './import-report';
import { openSource } from './read-source';
import { runImport } from './run-import';

const KINDS: readonly SourceKind[] = ['one-api', 'new-api'];

/**
 * `oneapi import-one-api --from <SQL_DSN or SQLite file> [--dry-run] [--with-logs]
 * [--logs-from <LOG_SQL_DSN>] [--source-kind one-api|new-api]`: copies a One API or new-api database into the one this
 * gateway is configured with (SQL_DSN / SQLITE_PATH, KEY_ENCRYPTION_KEY). The source is
 * only read. ONE_API_SQL_DSN may stand in for --from, to keep a password out of `ps`.
 */
export async function runImportOneApi(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'with-logs': { type: 'boolean', default: false },
      'logs-from': { type: 'string' },
      'source-kind': { type: 'string' },
    },
    strict: true,
  });
  const from = values.from ?? io.env.ONE_API_SQL_DSN;
  if (!from?.trim()) {
    throw new CliError(
      'usage',
      'import-one-api needs --from <One API SQL_DSN or SQLite file> (or ONE_API_SQL_DSN)',
    );
  }
  const givenKind = values['source-kind'];
  if (givenKind !== undefined && !KINDS.includes(givenKind as SourceKind)) {
    throw new CliError('usage', '--source-kind must be one-api or new-api');
  }
  const dryRun = values['dry-run'];
  // One API's LOG_SQL_DSN keeps the logs in a database of their own.
  const logsFrom = values['logs-from']?.trim();
  const withLogs = values['with-logs'] || logsFrom !== undefined;
  const config = loadConfig(io.env);

  const source = await openSource(from.trim());
  try {
    const kek = readKek(config, dryRun);
    const detected = detectSourceKind(source.tables);
    const kind = (givenKind as SourceKind | undefined) ?? detected.kind;
    io.print(
      `source: ${source.dialect} database at ${source.where}, read as ${kind} ${givenKind ? '(--source-kind)' : `(detected: ${detected.reason})`}`,
    );
    const logsSource = logsFrom ? await openSource(logsFrom, ['logs']) : undefined;
    try {
      if (logsSource) io.print(`logs: ${logsSource.dialect} database at ${logsSource.where}`);
      const target = await openTarget(config, dryRun);
      io.print(`target: ${target.storage.dialect} database at ${target.where}`);
      try {
        const report = await runImport({
          source,
          logsSource,
          kind,
          storage: target.storage,
          cipher: createKeyCipher(kek),
          dryRun,
          withLogs,
        });
        for (const line of formatReport(report, withLogs)) io.print(line);
      } finally {
        await target.storage.close();
      }
    } finally {
      await logsSource?.close();
    }
  } finally {
    await source.close();
  }
  return 0;
}

/**
 * The KEK channel keys are sealed with, resolved as `start` does. A dry run writes nothing,
 * so it never generates the key file: without one there is no channel it could read anyway.
 */
function readKek(config: GatewayConfig, dryRun: boolean): Buffer {
  const keyFile = join(dirname(config.sqlitePath), 'key-encryption.key');
  const generates = !config.keyEncryptionKey && config.sqlDsn === '' && !existsSync(keyFile);
  return dryRun && generates ? randomBytes(32) : resolveKeyEncryptionKey(config).key;
}

/**
 * The gateway's database. A real run migrates it, as every command does. A dry run does
 * not: it reads the database as it is, or, when the SQLite file does not exist yet, an
 * empty one in memory, so that it creates no file.
 */
async function openTarget(
  config: GatewayConfig,
  dryRun: boolean,
): Promise<{ storage: Storage; where: string }> {
  if (!dryRun) return openStorage(config);
  if (config.sqlDsn === '' && !existsSync(config.sqlitePath)) {
    const storage = await createStorage({
      sqlitePath: ':memory:',
      sqliteNativeBinding: seaSqliteAddon(),
    });
    await storage.migrate();
    return { storage, where: `${config.sqlitePath} (not created yet)` };
  }
  const storage = await createStorage({
    dsn: config.sqlDsn,
    sqlitePath: config.sqlitePath,
    sqliteNativeBinding: seaSqliteAddon(),
  });
  return { storage, where: config.sqlDsn === '' ? config.sqlitePath : maskDsn(config.sqlDsn) };
}
