import type { SourceKind } from './channel-types';
import { type ImportTarget, resolveId } from './import-target';
import { mapToken } from './map-token';
import { isDeleted, readNumber, type SourceRow } from './source-values';

/**
 * API keys, matched by the hash of the key the client sends: a key imported before is
 * found and kept as it is. Each new key and its used quota are one transaction.
 */
export async function writeTokens(
  target: ImportTarget,
  kind: SourceKind,
  rows: readonly SourceRow[],
): Promise<void> {
  const { storage, report, ids } = target;
  const tally = report.tallies.tokens;
  for (const row of rows) {
    const label = `token #${readNumber(row, 'id')}`;
    const mapped = isDeleted(row) ? undefined : mapToken(row, kind);
    if (!mapped) {
      tally.skipped++;
      report.details.push(`${label}: ${isDeleted(row) ? 'deleted in the source' : 'no key'}`);
      continue;
    }
    const existing = await storage.repositories.tokens.findByKeyHash(mapped.token.keyHash);
    if (existing) {
      ids.tokens.set(mapped.sourceId, existing.id);
      tally.existing++;
      continue;
    }
    const owner = ids.users.get(mapped.sourceUserId);
    if (owner === undefined) {
      tally.skipped++;
      report.details.push(`${label}: its user #${mapped.sourceUserId} is not imported`);
      continue;
    }
    tally.added++;
    if (mapped.notes.length > 0) report.details.push(`${label}: ${mapped.notes.join(', ')}`);
    const userId = resolveId(ids.users, mapped.sourceUserId);
    if (target.dryRun || userId === null) {
      ids.tokens.set(mapped.sourceId, target.planId());
      continue;
    }
    const created = await storage.transaction(async (repositories) => {
      const token = await repositories.tokens.create(
        { ...mapped.token, userId },
        mapped.createdAt ?? Date.now(),
      );
      await repositories.tokens.applyQuotaChange(token.id, {
        usedQuota: mapped.usedQuota,
        ...(mapped.lastUsedAt !== null && { lastUsedAt: mapped.lastUsedAt }),
      });
      return token;
    });
    ids.tokens.set(mapped.sourceId, created.id);
  }
}
