import { type ImportTarget, resolveId } from './import-target';
import { mapRedemption } from './map-redemption';
import { isDeleted, readNumber, type SourceRow } from './source-values';

/**
 * Redemption codes, matched by the hash of the code. They are written whole, status and
 * times included (the repository's batch insert makes only fresh, enabled codes): a code
 * used in One API stays used here, an unused one redeems with the same text.
 */
export async function writeCodes(target: ImportTarget, rows: readonly SourceRow[]): Promise<void> {
  const { storage, report, ids } = target;
  const tally = report.tallies['redemption codes'];
  for (const row of rows) {
    const mapped = isDeleted(row) ? undefined : mapRedemption(row);
    if (!mapped) {
      tally.skipped++;
      report.details.push(`redemption code #${readNumber(row, 'id')}: deleted or empty`);
      continue;
    }
    if (await storage.repositories.redemptionCodes.findByHash(mapped.codeHash)) {
      tally.existing++;
      continue;
    }
    tally.added++;
    if (target.dryRun) continue;
    const redeemed = mapped.status === 'redeemed';
    await storage.db
      .insertInto('redemptionCodes')
      .values({
        name: mapped.name,
        codeHash: mapped.codeHash,
        quota: mapped.quota,
        status: mapped.status,
        expiresAt: mapped.expiresAt,
        createdBy: resolveId(ids.users, mapped.sourceCreatorId),
        redeemedBy: redeemed ? resolveId(ids.users, mapped.sourceRedeemerId) : null,
        redeemedAt: redeemed ? (mapped.redeemedAt ?? Date.now()) : null,
        createdAt: mapped.createdAt ?? Date.now(),
      })
      .execute();
  }
}
