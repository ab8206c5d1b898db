import { createHash } from 'node:crypto';
import type { Storage } from '@oneapi/storage';
import type { KeyCipher } from '../../secrets/key-cipher';
import type { SourceKind } from './channel-types';
import { createReport, type ImportReport } from './import-report';
import { createImportTarget } from './import-target';
import type { SourceDatabase } from './read-source';
import { readNumber, readText, type SourceRow } from './source-values';
import { writeChannels } from './write-channels';
import { writeCodes } from './write-codes';
import { writeLogs } from './write-logs';
import { writeOptions } from './write-options';
import { writeTokens } from './write-tokens';
import { writeUsers } from './write-users';

export interface ImportOptions {
  readonly source: SourceDatabase;
  /** Where the logs are, when not in `source` (One API's LOG_SQL_DSN). */
  readonly logsSource?: SourceDatabase | undefined;
  readonly kind: SourceKind;
  readonly storage: Storage;
  readonly cipher: KeyCipher;
  readonly dryRun: boolean;
  readonly withLogs: boolean;
}

/**
 * Reads the source and writes what is not here yet, in dependency order: users first
 * (tokens and codes point at them), then channels, tokens, codes, options and logs. Every
 * step matches what exists before it writes, so a run can be repeated or resumed.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const { source, kind } = options;
  const report = createReport(options.dryRun);
  const target = createImportTarget(options.storage, options.cipher, report);
  const users = await source.readAll('users');
  await writeUsers(target, users);
  await writeChannels(target, kind, await source.readAll('channels'));
  report.abilities.source = (await source.readAll('abilities')).length;
  await writeTokens(target, kind, await source.readAll('tokens'));
  await writeCodes(target, await source.readAll('redemptions'));
  await writeOptions(target, await source.readAll('options'));
  if (options.withLogs) {
    await writeLogs(target, options.logsSource ?? source, fingerprintSource(users));
  }
  return report;
}

/**
 * Names a source database across runs (its path or DSN may change): the first user's id,
 * username and invite code, set once when One API created that account.
 */
export function fingerprintSource(users: readonly SourceRow[]): string {
  const first = users[0];
  const identity = first
    ? `${readNumber(first, 'id')}|${readText(first, 'username')}|${readText(first, 'affCode')}`
    : 'no users';
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}
