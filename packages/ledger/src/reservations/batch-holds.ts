import type { LedgerRepositories } from '../ports';
import type { AccountChanges } from './batch-closes';
import { ascending, type BatchOutcome } from './batch-outcome';
import { type ReserveQuotaInput, tokenQuotaShort, userQuotaShort } from './reserve-quota';

/**
 * Holds quota for many requests inside one transaction (docs/decisions/0005-group-commit-ledger.md),
 * and writes what the batch's closes owe the same accounts (`accounts`).
 *
 * Each user's and each token's debit is one conditional UPDATE for the batch's total
 * (`quota + returned >= total`) that also applies the closes' refunds and charges, so a
 * hot account costs one statement per batch rather than one per request, or two (a close
 * and a hold). When a total does not fit, the closes' change is written alone and the
 * requests of that account are taken one by one in arrival order with their own
 * conditional debits, exactly as without batching: those that fit are admitted, the others
 * refused. The rows go in with one multi-row INSERT. The caller's transaction makes it all
 * or nothing.
 */
export async function holdQuota(
  repositories: LedgerRepositories,
  holds: readonly ReserveQuotaInput[],
  now: number,
  accounts: AccountChanges,
): Promise<BatchOutcome<void>[]> {
  // Every user row first, then every token row, each in ascending order (batch-outcome.ts).
  // A grant that recovery closed (this instance's lease had lapsed) took none of its draws:
  // they come out of the account, in a statement just before its own.
  const shortUsers = await debitAccounts(
    totalsBy(holds, (hold) => hold.userId),
    accounts.users,
    (id, total, change) => repositories.users.debitQuota(id, total, change),
    (id, change) => repositories.users.applyQuotaChange(id, change),
    async (id) => {
      for (const [grantId, amount] of accounts.drawnFrom.users.get(id) ?? [])
        await repositories.users.chargeUnlessOpen(id, amount, grantId);
    },
  );
  const shortTokens = await debitAccounts(
    totalsBy(
      holds.filter((hold) => !shortUsers.has(hold.userId)),
      (hold) => hold.tokenId,
    ),
    accounts.tokens,
    (id, total, change) => repositories.tokens.debitRemainQuota(id, total, change),
    (id, change) => repositories.tokens.applyQuotaChange(id, change),
    async (id) => {
      for (const [grantId, amount] of accounts.drawnFrom.tokens.get(id) ?? [])
        await repositories.tokens.chargeUnlessOpen(id, amount, grantId);
    },
  );
  const isShort = (hold: ReserveQuotaInput) =>
    shortUsers.has(hold.userId) || (hold.tokenId !== null && shortTokens.has(hold.tokenId));

  // A token that fell short took nothing, but its user's total did: give that part back.
  const owedBack = totalsBy(
    holds.filter((hold) => !shortUsers.has(hold.userId) && isShort(hold)),
    (hold) => hold.userId,
  );
  for (const userId of ascending(owedBack.keys())) {
    await repositories.users.applyQuotaChange(userId, { quota: owedBack.get(userId) as number });
  }

  const outcomes: BatchOutcome<void>[] = [];
  for (const hold of holds) {
    outcomes.push(
      isShort(hold) ? await holdAlone(repositories, hold) : { ok: true, value: undefined },
    );
  }
  const admitted = holds.filter((_, index) => outcomes[index]?.ok);
  await repositories.quotaReservations.createMany(
    admitted.map((hold) => ({
      requestId: hold.requestId,
      tokenId: hold.tokenId,
      userId: hold.userId,
      amount: hold.amount,
      instanceId: hold.instanceId ?? null,
    })),
    now,
  );
  return outcomes;
}

/**
 * One statement per account: the debit of its holds' total with the closes' change, or the
 * change alone when it has no holds. An account whose total does not fit gets its change
 * written alone and is returned among the short ones.
 */
async function debitAccounts<Change>(
  totals: ReadonlyMap<number, number>,
  changes: ReadonlyMap<number, Change>,
  debit: (id: number, total: number, change: Change | undefined) => Promise<boolean>,
  apply: (id: number, change: Change) => Promise<unknown>,
  first: (id: number) => Promise<void>,
): Promise<Set<number>> {
  const short = new Set<number>();
  for (const id of ascending(new Set([...totals.keys(), ...changes.keys()]))) {
    const total = totals.get(id);
    const change = changes.get(id);
    // First, so that what it charges counts against what the holds may take.
    await first(id);
    if (total !== undefined && (await debit(id, total, change))) continue;
    if (total !== undefined) short.add(id);
    if (change) await apply(id, change);
  }
  return short;
}

/** One request's debits, as an unbatched reservation makes them. */
async function holdAlone(
  repositories: LedgerRepositories,
  hold: ReserveQuotaInput,
): Promise<BatchOutcome<void>> {
  if (!(await repositories.users.debitQuota(hold.userId, hold.amount))) {
    return { ok: false, error: userQuotaShort(hold.amount) };
  }
  if (
    hold.tokenId !== null &&
    !(await repositories.tokens.debitRemainQuota(hold.tokenId, hold.amount))
  ) {
    await repositories.users.applyQuotaChange(hold.userId, { quota: hold.amount });
    return { ok: false, error: tokenQuotaShort(hold.amount) };
  }
  return { ok: true, value: undefined };
}

function totalsBy(
  holds: readonly ReserveQuotaInput[],
  idOf: (hold: ReserveQuotaInput) => number | null,
): Map<number, number> {
  const totals = new Map<number, number>();
  for (const hold of holds) {
    const id = idOf(hold);
    if (id !== null) totals.set(id, (totals.get(id) ?? 0) + hold.amount);
  }
  return totals;
}
