import { randomUUID } from 'node:crypto';
import { LedgerError } from '../ledger-error';
import type { LedgerStore, ReservationState } from '../ports';
import type { GrantDraw } from './batch-closes';
import type { LedgerBatcher } from './ledger-batcher';
import type { ReleaseResult } from './release-reservation';
import type { SettleResult } from './settle-reservation';

/**
 * When an account gets quota grants, and how much. Decision 0005, step 2: an account that
 * holds quota faster than `aboveHoldsPerSecond` on this instance gets a grant of about
 * `seconds` of its holds, and its holds are then admitted from the grant in memory.
 */
export interface QuotaGrantOptions {
  /** Holds per second of one user and key on this instance above which it gets grants. */
  readonly aboveHoldsPerSecond: number;
  /** A grant's size, in seconds of the account's recent holds. */
  readonly seconds: number;
  /**
   * How long a grant admits holds (ms). It must stay well under the time a survivor waits
   * before it recovers a silent instance's reservations (4/3 of the lease, decision 0004), so
   * that a grant recovery gave back admits nothing more.
   */
  readonly lifetimeMs: number;
}

export const QUOTA_GRANT_DEFAULTS: QuotaGrantOptions = {
  aboveHoldsPerSecond: 50,
  seconds: 2,
  lifetimeMs: 10_000,
};

/**
 * A grant is taken only while the account keeps this many times its size after it: near
 * exhaustion the account is back on holds of its own, each checked against its balance, so
 * that a request is never refused for quota another grant sits on.
 */
const BALANCE_HEADROOM = 4;

/**
 * A grant whose account made no hold for this long goes back (once its holds close): the
 * account cooled, and its balance should read whole again.
 */
const COOL_AFTER_MS = 1_000;

const SWEEP_EVERY = 10_000;

/** After a grant was refused (balance too low) or failed, how long to wait before the next try. */
const RETRY_AFTER_MS = 1_000;

interface Grant {
  /** The id of the reservation row that holds it. */
  readonly grantId: string;
  readonly userId: number;
  readonly tokenId: number | null;
  /** Its row's amount: what it was granted less what its settlements drew. */
  remaining: number;
  /** What its open holds hold. */
  open: number;
  holds: number;
  /** Admits nothing more; given back once its holds have closed. */
  retired: boolean;
  readonly expiresAt: number;
  /** Requests it closed, and how: a second close of one answers `already_closed`. */
  readonly closed: Map<string, ReservationState>;
}

/** A request's hold from a grant. */
interface GrantHold {
  readonly requestId: string;
  readonly grant: Grant;
  readonly amount: number;
}

interface Account {
  grant: Grant | undefined;
  taking: boolean;
  retryAt: number;
  lastHoldAt: number;
  /** Holds and their total in the current second, and in the one before. */
  windowStart: number;
  holds: number;
  amount: number;
  lastHolds: number;
  lastAmount: number;
}

export interface QuotaGrants {
  /**
   * Holds `amount` from this instance's grant for the request's account; false when the
   * account has no grant that covers it, and the hold must go to the database. Counts the hold toward the account's rate either way, and starts taking a
   * grant in the background when the account is hot.
   */
  hold(
    request: { requestId: string; userId: number; tokenId: number | null },
    amount: number,
  ): boolean;
  /**
   * Runs a settlement or release of the request through `close`, with the draw on its grant
   * when a grant holds it: once (a second close answers `already_closed` while the grant
   * lives), and the hold open again when the close fails.
   */
  closeHold<Result extends SettleResult | ReleaseResult>(
    requestId: string,
    close: (draw: GrantDraw | undefined) => Promise<Result>,
  ): Promise<Result | { outcome: 'already_closed'; state: ReservationState }>;
  /** Retires every grant and gives back each once its holds have closed. */
  giveBackAll(): Promise<void>;
}

/**
 * Escrow grants (docs/decisions/0005-group-commit-ledger.md, step 2): quota taken ahead from
 * a hot account into a reservation row of this instance's own (a grant), so that its holds
 * are admitted in memory with no statement, and its settlements draw their charges from
 * that row instead of writing a reservation of their own and returning to the account.
 * Every guarantee rests on the grant's row: it is taken by the conditional debits a hold
 * makes, it carries this instance's lease, so a survivor gives back what is left of it if
 * this instance dies, and what it gives back is exact because each settlement draws from it
 * in the settlement's own transaction.
 */
export function createQuotaGrants(options: {
  readonly store: LedgerStore;
  readonly batcher: LedgerBatcher;
  readonly instanceId: () => string | null;
  readonly now: () => number;
  readonly grants: QuotaGrantOptions;
  readonly onError: (error: unknown) => void;
}): QuotaGrants {
  const { store, batcher, now, grants: settings } = options;
  const accounts = new Map<string, Account>();
  const holds = new Map<string, GrantHold>();
  const closedBy = new Map<string, Grant>();
  // Grants being taken or given back: a clean stop waits for them.
  const pending = new Set<Promise<unknown>>();
  let closing = false;
  let holdsSinceSweep = 0;

  // Accounts cooled with no grant are forgotten, so the map holds the recently active only;
  // a sweep every SWEEP_EVERY holds keeps its cost per hold constant.
  const sweep = (at: number) => {
    for (const [key, account] of accounts) {
      if (!account.grant && !account.taking && at - account.lastHoldAt > 2 * COOL_AFTER_MS) {
        accounts.delete(key);
      }
    }
  };

  const accountOf = (userId: number, tokenId: number | null): Account => {
    const key = `${userId}:${tokenId ?? ''}`;
    let account = accounts.get(key);
    if (!account) {
      account = {
        grant: undefined,
        taking: false,
        retryAt: 0,
        lastHoldAt: 0,
        windowStart: now(),
        holds: 0,
        amount: 0,
        lastHolds: 0,
        lastAmount: 0,
      };
      accounts.set(key, account);
    }
    return account;
  };

  const count = (account: Account, amount: number, at: number) => {
    const elapsed = at - account.windowStart;
    if (elapsed >= 1_000) {
      const contiguous = elapsed < 2_000;
      account.lastHolds = contiguous ? account.holds : 0;
      account.lastAmount = contiguous ? account.amount : 0;
      account.windowStart = at;
      account.holds = 0;
      account.amount = 0;
    }
    account.holds += 1;
    account.amount += amount;
    account.lastHoldAt = at;
  };

  const giveBack = (grant: Grant) => {
    const done = batcher
      .release({ requestId: grant.grantId }, now())
      .then(() => {
        for (const requestId of grant.closed.keys()) closedBy.delete(requestId);
      })
      .catch((error: unknown) => {
        options.onError(error);
        // Tried again while the gateway runs (a database blip); left open at a stop, it is
        // given back by recovery once this instance's lease lapses.
        if (!closing) setTimeout(() => giveBack(grant), RETRY_AFTER_MS).unref();
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };

  const retire = (account: Account) => {
    const grant = account.grant;
    if (!grant) return;
    account.grant = undefined;
    grant.retired = true;
    if (grant.holds === 0) giveBack(grant);
  };

  const take = (account: Account, userId: number, tokenId: number | null, at: number) => {
    const perSecond = Math.max(account.amount, account.lastAmount);
    const amount = Math.ceil(perSecond * settings.seconds);
    const grantId = `grant:${randomUUID()}`;
    account.taking = true;
    const taking = takeGrant(
      store,
      { grantId, userId, tokenId, amount, instanceId: options.instanceId() },
      at,
    )
      .then((taken) => {
        if (!taken) {
          account.retryAt = now() + RETRY_AFTER_MS;
          return;
        }
        // Taken while the ledger was closing: straight back.
        if (closing) return giveBack(newGrant(grantId, userId, tokenId, amount, 0));
        retire(account);
        const grant = newGrant(grantId, userId, tokenId, amount, now() + settings.lifetimeMs);
        account.grant = grant;
        // It goes back when its life ends or its account cools, not at the account's next hold.
        const watch = setInterval(() => {
          const at = now();
          if (account.grant !== grant) clearInterval(watch);
          else if (at >= grant.expiresAt || at - account.lastHoldAt >= COOL_AFTER_MS) {
            clearInterval(watch);
            retire(account);
          }
        }, COOL_AFTER_MS / 4);
        watch.unref();
      })
      .catch((error: unknown) => {
        account.retryAt = now() + RETRY_AFTER_MS;
        options.onError(error);
      })
      .finally(() => {
        account.taking = false;
        pending.delete(taking);
      });
    pending.add(taking);
  };

  return {
    hold(request, amount) {
      if (holds.has(request.requestId) || closedBy.has(request.requestId)) {
        throw new LedgerError(
          'duplicate_request',
          `The request id ${request.requestId} already has a reservation`,
        );
      }
      const at = now();
      if (++holdsSinceSweep >= SWEEP_EVERY) {
        holdsSinceSweep = 0;
        sweep(at);
      }
      const account = accountOf(request.userId, request.tokenId);
      count(account, amount, at);
      const grant = account.grant;
      if (grant && (grant.expiresAt <= at || grant.remaining - grant.open < amount)) {
        retire(account);
      }
      if (account.grant) {
        account.grant.open += amount;
        account.grant.holds += 1;
        const hold = { requestId: request.requestId, grant: account.grant, amount };
        holds.set(request.requestId, hold);
        return true;
      }
      const hot = Math.max(account.holds, account.lastHolds) >= settings.aboveHoldsPerSecond;
      if (hot && !account.taking && !closing && at >= account.retryAt) {
        take(account, request.userId, request.tokenId, at);
      }
      return false;
    },

    async closeHold<Result extends SettleResult | ReleaseResult>(
      requestId: string,
      close: (draw: GrantDraw | undefined) => Promise<Result>,
    ) {
      const hold = holds.get(requestId);
      if (!hold) {
        const state = closedBy.get(requestId)?.closed.get(requestId);
        return state === undefined
          ? close(undefined)
          : { outcome: 'already_closed' as const, state };
      }
      holds.delete(requestId);
      const { grant } = hold;
      let result: Result;
      try {
        result = await close({
          grantId: grant.grantId,
          held: { userId: grant.userId, tokenId: grant.tokenId, amount: hold.amount },
        });
      } catch (error) {
        holds.set(requestId, hold);
        throw error;
      }
      grant.open -= hold.amount;
      grant.holds -= 1;
      if (result.outcome === 'settled') grant.remaining -= result.charged;
      grant.closed.set(requestId, result.outcome === 'settled' ? 'settled' : 'released');
      closedBy.set(requestId, grant);
      if (grant.retired && grant.holds === 0) giveBack(grant);
      return result;
    },

    async giveBackAll() {
      closing = true;
      for (const account of accounts.values()) retire(account);
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

function newGrant(
  grantId: string,
  userId: number,
  tokenId: number | null,
  amount: number,
  expiresAt: number,
): Grant {
  return {
    grantId,
    userId,
    tokenId,
    remaining: amount,
    open: 0,
    holds: 0,
    retired: false,
    expiresAt,
    closed: new Map(),
  };
}

const REFUSED = Symbol('grant refused');

/**
 * Takes a grant: the user's and the key's conditional debits a hold makes and the grant's
 * reservation row, in one transaction. Each debit first takes BALANCE_HEADROOM times the
 * amount, so it fails unless that much is there, then gives back all but the amount: one
 * conditional statement decides, as for every hold. False when a balance is short; nothing
 * is then taken.
 */
async function takeGrant(
  store: LedgerStore,
  grant: {
    grantId: string;
    userId: number;
    tokenId: number | null;
    amount: number;
    instanceId: string | null;
  },
  now: number,
): Promise<boolean> {
  if (!Number.isSafeInteger(grant.amount * BALANCE_HEADROOM) || grant.amount <= 0) return false;
  const headroom = grant.amount * BALANCE_HEADROOM;
  try {
    await store.transaction(async (repositories) => {
      if (!(await repositories.users.debitQuota(grant.userId, headroom))) throw REFUSED;
      await repositories.users.applyQuotaChange(grant.userId, { quota: headroom - grant.amount });
      if (grant.tokenId !== null) {
        const { tokens } = repositories;
        if (!(await tokens.debitRemainQuota(grant.tokenId, headroom))) throw REFUSED;
        await tokens.applyQuotaChange(grant.tokenId, { remainQuota: headroom - grant.amount });
      }
      await repositories.quotaReservations.create(
        {
          requestId: grant.grantId,
          tokenId: grant.tokenId,
          userId: grant.userId,
          amount: grant.amount,
          instanceId: grant.instanceId,
        },
        now,
      );
    });
    return true;
  } catch (error) {
    if (error === REFUSED) return false;
    throw error;
  }
}
