import type { ImportTarget } from './import-target';
import { mapUser, type UserImport } from './map-user';
import { isDeleted, readNumber, type SourceRow } from './source-values';

/**
 * Users, matched by username: one that exists here is kept as it is and only mapped (its
 * source tokens then belong to it). Each new user and its counters are one transaction.
 */
export async function writeUsers(target: ImportTarget, rows: readonly SourceRow[]): Promise<void> {
  const { storage, report, ids } = target;
  const tally = report.tallies.users;
  const users = storage.repositories.users;
  const lateInviters: Array<{ id: number; sourceInviterId: number }> = [];
  for (const row of rows) {
    if (isDeleted(row)) {
      tally.skipped++;
      report.details.push(`user #${readNumber(row, 'id')}: deleted in the source`);
      continue;
    }
    const mapped = mapUser(row);
    if (mapped.kind === 'skip') {
      tally.skipped++;
      report.details.push(`user #${mapped.sourceId}: ${mapped.reason}`);
      continue;
    }
    const { value } = mapped;
    const existing = await users.findByUsername(value.user.username);
    if (existing) {
      ids.users.set(value.sourceId, existing.id);
      tally.existing++;
      continue;
    }
    tally.added++;
    if (!value.passwordUsable) report.passwordResets.push(value.user.username);
    const inviteCode = await freeInviteCode(target, value);
    const inviter =
      value.sourceInviterId === null ? undefined : ids.users.get(value.sourceInviterId);
    if (target.dryRun) {
      ids.users.set(value.sourceId, target.planId());
      continue;
    }
    const created = await storage.transaction(async (repositories) => {
      const user = await repositories.users.create(
        {
          ...value.user,
          inviteCode,
          inviterId: inviter !== undefined && inviter > 0 ? inviter : null,
        },
        value.createdAt ?? Date.now(),
      );
      await repositories.users.applyQuotaChange(user.id, {
        usedQuota: value.usedQuota,
        requestCount: value.requestCount,
      });
      return user;
    });
    ids.users.set(value.sourceId, created.id);
    if (value.sourceInviterId !== null && inviter === undefined) {
      lateInviters.push({ id: created.id, sourceInviterId: value.sourceInviterId });
    }
  }
  // An inviter imported after the user it invited (a larger id): link them now.
  for (const { id, sourceInviterId } of lateInviters) {
    const inviterId = ids.users.get(sourceInviterId);
    if (inviterId === undefined) continue;
    await storage.db
      .updateTable('users')
      .set({ inviterId })
      .where('id', '=', id)
      .where('inviterId', 'is', null)
      .execute();
  }
}

/** The source invite code (aff_code), unless a user here holds it already. */
async function freeInviteCode(target: ImportTarget, value: UserImport): Promise<string | null> {
  const code = value.user.inviteCode ?? null;
  if (code === null || !(await target.storage.repositories.users.findByInviteCode(code)))
    return code;
  target.report.details.push(
    `user ${value.user.username}: invite code ${code} is taken here, dropped`,
  );
  return null;
}
