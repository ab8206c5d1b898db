import { type ImportTarget, resolveId } from './import-target';
import { mapLog } from './map-log';
import type { SourceDatabase } from './read-source';

/** The options row recording, per source database, the last log id imported. */
export const LOG_WATERMARK_OPTION = 'import.one-api.logs';

const PAGE = 1000;

/**
 * Logs have no natural key, so they are imported in id order with a watermark: each page
 * and the watermark after it are one transaction, so a run stopped midway resumes after the
 * last page it wrote and a second run finds nothing left. Users, keys and channels that were
 * not imported leave their ids empty in the entry.
 */
export async function writeLogs(
  target: ImportTarget,
  source: SourceDatabase,
  sourceFingerprint: string,
): Promise<void> {
  const { storage, report, ids } = target;
  const tally = report.tallies.logs;
  const marks = {
    ...((await storage.repositories.options.get(LOG_WATERMARK_OPTION)) ?? {}),
  } as Record<string, number>;
  let after = marks[sourceFingerprint] ?? 0;
  if (after > 0) report.details.push(`logs: up to source id ${after} were imported before`);
  for (;;) {
    const rows = await source.readAfter('logs', after, PAGE);
    if (rows.length === 0) break;
    const mapped = rows.map(mapLog);
    after = mapped.at(-1)!.sourceId;
    tally.added += mapped.length;
    if (target.dryRun) continue;
    const entries = mapped.map((log) => ({
      ...log.entry,
      userId: resolveId(ids.users, log.sourceUserId),
      tokenId: resolveId(ids.tokens, log.sourceTokenId),
      channelId: resolveId(ids.channels, log.sourceChannelId),
    }));
    await storage.transaction(async (repositories) => {
      await repositories.logs.insertMany(entries);
      await repositories.options.set(LOG_WATERMARK_OPTION, {
        ...marks,
        [sourceFingerprint]: after,
      });
    });
    marks[sourceFingerprint] = after;
  }
}
