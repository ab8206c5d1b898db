import type { LedgerStore } from '@oneapi/ledger';
import type { NewQuotaAdjustment, Repositories, Storage } from '@oneapi/storage';
import { type AuditActor, type AuditedChange, recordAudit } from './audit-trail';

/**
 * The storage as the ledger's `topUp` sees it, with one difference: the transaction that
 * records a quota adjustment also records its audit entry, so the balance change and the
 * entry commit or roll back together. A replay of the same idempotency key records no
 * adjustment and so no entry.
 */
export function auditedTopUpStore(storage: Storage, actor: AuditActor): LedgerStore {
  return {
    isDuplicateKey: storage.isDuplicateKey,
    transaction: (work) =>
      storage.transaction(async (repositories) => {
        let adjustment: NewQuotaAdjustment | undefined;
        const watched: Repositories = {
          ...repositories,
          quotaAdjustments: {
            ...repositories.quotaAdjustments,
            create: (next, now) => {
              adjustment = next;
              return repositories.quotaAdjustments.create(next, now);
            },
          },
        };
        const result = await work(watched);
        if (adjustment) await recordTopUp(repositories, actor, adjustment);
        return result;
      }),
  };
}

async function recordTopUp(
  repositories: Repositories,
  actor: AuditActor,
  adjustment: NewQuotaAdjustment,
): Promise<void> {
  const user = await repositories.users.findById(adjustment.userId);
  const quota = user?.quota ?? null;
  await recordAudit(repositories, actor, {
    action: 'top_up',
    entityType: 'user',
    entityId: adjustment.userId,
    before: { quota: quota === null ? null : quota - adjustment.amount },
    after: { quota, amount: adjustment.amount, reason: adjustment.reason },
  });
}

/**
 * The storage as a ledger operation that runs one transaction (`createRechargeCodes`) sees
 * it, with `change` recorded in that transaction after the operation's own writes.
 */
export function auditedStore(
  storage: Storage,
  actor: AuditActor,
  change: AuditedChange,
): LedgerStore {
  return {
    isDuplicateKey: storage.isDuplicateKey,
    transaction: (work) =>
      storage.transaction(async (repositories) => {
        const result = await work(repositories);
        await recordAudit(repositories, actor, change);
        return result;
      }),
  };
}
