import type {
  LedgerLogEntry,
  LedgerRepositories,
  LedgerUsageIncrement,
  ReservationOutcome,
  ReservationState,
} from '../ports';
import { addTo, ascending, type BatchOutcome } from './batch-outcome';
import type { ReleaseReservationInput, ReleaseResult } from './release-reservation';
import {
  consumeLogOf,
  type HeldReservation,
  reservationNotFound,
  type SettleReservationInput,
  type SettleResult,
  usageIncrementOf,
} from './settle-reservation';

/**
 * A hold admitted from a quota grant (quota-grants.ts) has no reservation row of its own:
 * its charge is drawn from the grant's row, and what it held stays in the grant.
 */
export interface GrantDraw {
  readonly grantId: string;
  readonly held: HeldReservation;
  /**
   * An earlier close of this hold failed, perhaps after its commit (the answer lost): its
   * consume log, written in the same transaction as its draw, tells whether it landed.
   */
  readonly mayHaveCommitted: boolean;
}

export type CloseJob = (
  | { readonly kind: 'settle'; readonly input: SettleReservationInput; readonly now: number }
  | { readonly kind: 'release'; readonly input: ReleaseReservationInput; readonly now: number }
) & { readonly draw: GrantDraw | undefined };

interface AccountTotals extends Record<string, number> {
  quota: number;
  usedQuota: number;
  requestCount: number;
}

const zero = (): AccountTotals => ({ quota: 0, usedQuota: 0, requestCount: 0 });

/**
 * What a batch's closes return to and charge each account, summed. They are not written
 * here: batch-holds.ts writes them in the same statement as the batch's holds on that
 * account, one UPDATE per account per batch.
 */
export interface AccountChanges {
  readonly users: ReadonlyMap<number, { quota: number; usedQuota: number; requestCount: number }>;
  readonly tokens: ReadonlyMap<
    number,
    { remainQuota: number; usedQuota: number; lastUsedAt: number }
  >;
  /**
   * Per account, per grant id: what the batch's draws from that grant charged the account,
   * taken from the account itself if the grant turns out closed (`chargeUnlessOpen`, just
   * before the account's own statement). Grants whose draw answered that it took are left out.
   */
  readonly drawnFrom: {
    readonly users: ReadonlyMap<number, ReadonlyMap<string, number>>;
    readonly tokens: ReadonlyMap<number, ReadonlyMap<string, number>>;
  };
}

/** Adds `amount` to what account `id` drew from `grantId`. */
function addDrawn(
  byAccount: Map<number, Map<string, number>>,
  id: number,
  grantId: string,
  amount: number,
): void {
  const grants = byAccount.get(id) ?? new Map<string, number>();
  grants.set(grantId, (grants.get(grantId) ?? 0) + amount);
  byAccount.set(id, grants);
}

/**
 * Settles and releases many reservations inside one transaction, in a number of statements
 * that does not grow with the batch: the rows are read and locked at once, closed by one
 * UPDATE, the hourly rollups written by one upsert and the consume logs by one multi-row
 * INSERT; each account's refunds and charges are summed and returned, for the batch's
 * holds to write. Each request gets what it would have got alone: a settlement or release,
 * `already_closed` (also for a second close of the same request in the batch), or
 * `reservation_not_found`.
 */
export async function closeReservations(
  repositories: LedgerRepositories,
  jobs: readonly CloseJob[],
): Promise<{ outcomes: BatchOutcome<SettleResult | ReleaseResult>[]; accounts: AccountChanges }> {
  const requestIds = [
    ...new Set(jobs.filter((job) => job.draw === undefined).map((job) => job.input.requestId)),
  ];
  const rows = new Map(
    (await repositories.quotaReservations.lockMany(requestIds)).map((row) => [row.requestId, row]),
  );
  // A hold has no row of its own to close once: a retried close finds its log instead. Its
  // grant's row is locked first, so a first attempt still running on the server (its
  // answer lost to the client) has committed or rolled back by the time the log is read.
  const retriedGrants = new Set<string>();
  for (const job of jobs) {
    if (job.draw?.mayHaveCommitted && job.kind === 'settle') retriedGrants.add(job.draw.grantId);
  }
  if (retriedGrants.size > 0) await repositories.quotaReservations.lockMany([...retriedGrants]);
  const landed = new Map<string, number>();
  for (const job of jobs) {
    if (!job.draw?.mayHaveCommitted || job.kind !== 'settle') continue;
    const logged = await repositories.logs.listByRequestId(job.input.requestId);
    const consumed = logged.find((entry) => entry.type === 'consume');
    if (consumed) landed.set(job.input.requestId, consumed.quota ?? 0);
  }
  const closedHere = new Map<string, ReservationState>();
  const closes: { requestId: string; outcome: ReservationOutcome; now: number }[] = [];
  const users = new Map<number, AccountTotals>();
  const tokens = new Map<number, AccountTotals>();
  const channels = new Map<number, number>();
  const usage: LedgerUsageIncrement[] = [];
  const logs: LedgerLogEntry[] = [];
  // Per grant: what its holds' settlements draw from it, and whose accounts they charge.
  const draws = new Map<string, number>();
  const drawnFrom = {
    users: new Map<number, Map<string, number>>(),
    tokens: new Map<number, Map<string, number>>(),
  };
  let lastUsedAt = 0;

  const outcomes = jobs.map((job): BatchOutcome<SettleResult | ReleaseResult> => {
    const { requestId } = job.input;
    const stored = job.draw === undefined ? rows.get(requestId) : undefined;
    const row = job.draw?.held ?? stored;
    if (!row) return { ok: false, error: reservationNotFound(requestId) };
    lastUsedAt = Math.max(lastUsedAt, job.now);
    const charged =
      job.kind === 'release'
        ? 0
        : job.input.capAtReservation
          ? Math.min(job.input.charged, row.amount)
          : job.input.charged;
    const landedCharge = landed.get(requestId);
    if (landedCharge !== undefined) {
      return {
        ok: true,
        value: { outcome: 'settled', charged: landedCharge, refunded: row.amount - landedCharge },
      };
    }
    if (job.draw) {
      // The grant module let this close through once; the grant keeps the rest.
      if (job.kind === 'settle') {
        const { grantId } = job.draw;
        draws.set(grantId, (draws.get(grantId) ?? 0) + charged);
        const change = { quota: 0, usedQuota: charged, requestCount: 1 };
        addTo(users, row.userId, zero, change);
        if (row.tokenId !== null) addTo(tokens, row.tokenId, zero, change);
        addDrawn(drawnFrom.users, row.userId, grantId, charged);
        if (row.tokenId !== null) addDrawn(drawnFrom.tokens, row.tokenId, grantId, charged);
      }
    } else if (stored) {
      const state = closedHere.get(requestId) ?? stored.state;
      if (state !== 'open') return { ok: true, value: { outcome: 'already_closed', state } };
      const outcome: ReservationOutcome =
        job.kind === 'release' ? { state: 'released' } : { state: 'settled', charged };
      closedHere.set(requestId, outcome.state);
      closes.push({ requestId, outcome, now: job.now });
      const change = {
        quota: row.amount - charged,
        usedQuota: charged,
        requestCount: job.kind === 'settle' ? 1 : 0,
      };
      addTo(users, row.userId, zero, change);
      if (row.tokenId !== null) addTo(tokens, row.tokenId, zero, change);
    }

    if (job.kind === 'release') {
      if (job.input.model !== undefined) {
        usage.push({
          at: job.now,
          userId: row.userId,
          tokenId: row.tokenId ?? 0,
          model: job.input.model,
          channelId: job.input.channelId ?? 0,
          requests: 1,
          errors: 1,
        });
      }
      return { ok: true, value: { outcome: 'released', refunded: row.amount } };
    }
    const { input } = job;
    if (input.channelId !== null)
      channels.set(input.channelId, (channels.get(input.channelId) ?? 0) + charged);
    usage.push(usageIncrementOf(input, row, charged, job.now));
    if (input.log !== false) logs.push(consumeLogOf(input, row, charged, job.now));
    return { ok: true, value: { outcome: 'settled', charged, refunded: row.amount - charged } };
  });

  const closed = await repositories.quotaReservations.closeMany(closes);
  // The rows are locked, so this cannot differ; if it did, the batch must not commit.
  if (closed !== closes.length) {
    throw new Error(`closed ${closed} of ${closes.length} reservations read open`);
  }
  // Grant rows next: like the reservations, rows of this instance's own. A grant found
  // closed takes nothing; `drawnFrom` then charges the accounts (batch-holds.ts). A draw
  // known to have taken needs no such charge; one whose answer is unknown (in one trip,
  // where statements answer nothing) keeps it, guarded in SQL by the grant being closed.
  for (const [grantId, total] of draws) {
    if (!(await repositories.quotaReservations.drawDown(grantId, total))) continue;
    for (const grants of [...drawnFrom.users.values(), ...drawnFrom.tokens.values()])
      grants.delete(grantId);
  }
  // Shared rows in SHARED_ROW_ORDER (batch-outcome.ts), after the rows no one else writes.
  if (logs.length > 0) await repositories.logs.insertMany(logs);
  if (usage.length > 0) await repositories.usageHourly.addMany(usage);
  for (const channelId of ascending(channels.keys())) {
    await repositories.channels.addUsedQuota(channelId, channels.get(channelId) as number);
  }
  const tokenChanges = new Map<
    number,
    { remainQuota: number; usedQuota: number; lastUsedAt: number }
  >();
  for (const [tokenId, { quota, usedQuota }] of tokens) {
    tokenChanges.set(tokenId, { remainQuota: quota, usedQuota, lastUsedAt });
  }
  return { outcomes, accounts: { users, tokens: tokenChanges, drawnFrom } };
}
