import { randomUUID } from 'node:crypto';
import { isLedgerError, LedgerError } from '../ledger-error';
import type { LedgerStore, ReservationState } from '../ports';
import type { GrantDraw } from './batch-closes';
import type { LedgerBatcher } from './ledger-batcher';
import type { ReleaseResult } from './release-reservation';
import type { SettleResult } from './settle-reservation';

/**
 * When an account gets quota grants, and how much. Decision 0005, step 2: an account that
 * holds quota `aboveHoldsPerSecond` times a second or more on this instance gets a grant of about
 * `seconds` of its holds, and its holds are then admitted from the grant in memory.
 */
export interface QuotaGrantOptions {
  /** Holds per second of one user and key on this instance at which it gets grants. */
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
 * A grant is taken only while the balance covers this many times its size: near exhaustion
 * the account is back on holds of its own, each checked against its balance, and what
 * grants sit on stays a small part of what is left.
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
  /** The lease it was taken under: a new lease retires it. */
  readonly instanceId: string | null;
  readonly account: Account;
  /** Its row's amount: what it was granted less what its settlements drew. */
  remaining: number;
  /** What its open holds hold. */
  open: number;
  holds: number;
  readonly expiresAt: number;
  /** Requests it closed: their answers to a second close are forgotten with it. */
  readonly closedIds: string[];
}

/** A grant as taken: its row's request id, account, amount and lease. */
interface TakenGrant {
  readonly grantId: string;
  readonly userId: number;
  readonly tokenId: number | null;
  readonly amount: number;
  readonly instanceId: string | null;
}

/** A request's hold from a grant. */
interface GrantHold {
  readonly requestId: string;
  readonly grant: Grant;
  readonly amount: number;
  /** A close of it failed: the next one checks whether that close had landed after all. */
  failedBefore: boolean;
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
   * account has no grant that covers it, and the hold must go to the database. Counts the
   * hold toward the account's rate either way, and starts taking a grant in the background
   * when the account is hot.
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
  /**
   * Retires the user's grants on this instance and gives back what their open holds do not
   * need; true when there were any. For a hold refused while grants sat on the quota.
   */
  giveBackOf(userId: number): Promise<boolean>;
  /** Resolves once no grant is being taken or given back. */
  idle(): Promise<void>;
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
  // Lifetimes, cool-downs and rates on a monotonic clock: a wall clock stepped back would
  // lengthen a grant's life. `now` stamps the rows only.
  const clock = () => performance.now();
  const accounts = new Map<string, Account>();
  const holds = new Map<string, GrantHold>();
  // How the holds of live grants closed: a second close answers `already_closed`.
  const closedStates = new Map<string, ReservationState>();
  // Closes of grant holds under way, by request id.
  const closesUnderWay = new Map<string, Promise<SettleResult | ReleaseResult>>();
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
        windowStart: clock(),
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

  const forget = (grant: Grant) => {
    for (const requestId of grant.closedIds) closedStates.delete(requestId);
  };

  /** A grant stops admitting once its account has another, or none. */
  const isRetired = (grant: Grant) => grant.account.grant !== grant;

  /** Runs `work` now and again after RETRY_AFTER_MS while it fails and the ledger runs. */
  const persist = (work: () => Promise<unknown>) => {
    const done = work()
      .catch((error: unknown) => {
        options.onError(error);
        // A database blip: tried again. Left undone at a stop, recovery gives the grant
        // back once this instance's lease lapses.
        if (!closing) setTimeout(() => persist(work), RETRY_AFTER_MS).unref();
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };

  /** The whole grant back, once its holds have closed. */
  const giveBack = (grant: Grant) =>
    persist(async () => {
      try {
        await batcher.release({ requestId: grant.grantId }, now());
      } catch (error) {
        // Its row went with its user (deleted): nothing is left to give back.
        if (!isLedgerError(error) || error.code !== 'reservation_not_found') throw error;
      }
      forget(grant);
    });

  /** What no open hold needs of a retired grant, back now rather than when they close. */
  const giveBackFree = (grant: Grant) => {
    const free = grant.remaining - grant.open;
    if (free <= 0) return;
    grant.remaining -= free;
    persist(async () => {
      try {
        await returnFree(store, grant, free);
      } catch (error) {
        grant.remaining += free;
        throw error;
      }
    });
  };

  const retire = (account: Account) => {
    const grant = account.grant;
    if (!grant) return;
    account.grant = undefined;
    if (grant.holds === 0) giveBack(grant);
    else giveBackFree(grant);
  };

  const take = (account: Account, userId: number, tokenId: number | null) => {
    const perSecond = Math.max(account.amount, account.lastAmount);
    const taken: TakenGrant = {
      grantId: `grant:${randomUUID()}`,
      userId,
      tokenId,
      amount: Math.ceil(perSecond * settings.seconds),
      instanceId: options.instanceId(),
    };
    account.taking = true;
    const taking = takeGrant(store, taken, now())
      .then((granted) => {
        if (!granted) {
          account.retryAt = clock() + RETRY_AFTER_MS;
          return;
        }
        // Taken while the ledger was closing: straight back.
        if (closing) return giveBack(newGrant(taken, account, 0));
        retire(account);
        const grant = newGrant(taken, account, clock() + settings.lifetimeMs);
        account.grant = grant;
        // It goes back when its life ends or its account cools, not at the account's next hold.
        const watch = setInterval(() => {
          const at = clock();
          if (account.grant !== grant) clearInterval(watch);
          else if (at >= grant.expiresAt || at - account.lastHoldAt >= COOL_AFTER_MS) {
            clearInterval(watch);
            retire(account);
          }
        }, COOL_AFTER_MS / 4);
        watch.unref();
      })
      .catch((error: unknown) => {
        account.retryAt = clock() + RETRY_AFTER_MS;
        options.onError(error);
      })
      .finally(() => {
        account.taking = false;
        pending.delete(taking);
      });
    pending.add(taking);
  };

  const idle = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };

  return {
    hold(request, amount) {
      if (holds.has(request.requestId) || closedStates.has(request.requestId)) {
        throw new LedgerError(
          'duplicate_request',
          `The request id ${request.requestId} already has a reservation`,
        );
      }
      const at = clock();
      if (++holdsSinceSweep >= SWEEP_EVERY) {
        holdsSinceSweep = 0;
        sweep(at);
      }
      const account = accountOf(request.userId, request.tokenId);
      count(account, amount, at);
      const grant = account.grant;
      if (
        grant &&
        (grant.expiresAt <= at ||
          grant.remaining - grant.open < amount ||
          // A new lease: the old one may have been taken for dead, its grants given back.
          options.instanceId() !== grant.instanceId)
      ) {
        retire(account);
      }
      if (account.grant) {
        account.grant.open += amount;
        account.grant.holds += 1;
        const hold = {
          requestId: request.requestId,
          grant: account.grant,
          amount,
          failedBefore: false,
        };
        holds.set(request.requestId, hold);
        return true;
      }
      const hot = Math.max(account.holds, account.lastHolds) >= settings.aboveHoldsPerSecond;
      if (hot && !account.taking && !closing && at >= account.retryAt) {
        take(account, request.userId, request.tokenId);
      }
      return false;
    },

    async closeHold<Result extends SettleResult | ReleaseResult>(
      requestId: string,
      close: (draw: GrantDraw | undefined) => Promise<Result>,
    ) {
      const hold = holds.get(requestId);
      if (!hold) {
        const earlier = closesUnderWay.get(requestId);
        if (earlier) {
          // A second close while the first runs: it answers as it would after the first.
          const first = await earlier;
          const state = first.outcome === 'settled' ? 'settled' : 'released';
          return { outcome: 'already_closed' as const, state };
        }
        const state = closedStates.get(requestId);
        return state === undefined
          ? close(undefined)
          : { outcome: 'already_closed' as const, state };
      }
      holds.delete(requestId);
      const { grant } = hold;
      let result: Result;
      const running = close({
        grantId: grant.grantId,
        held: { userId: grant.userId, tokenId: grant.tokenId, amount: hold.amount },
        mayHaveCommitted: hold.failedBefore,
      });
      closesUnderWay.set(requestId, running);
      try {
        result = await running;
      } catch (error) {
        hold.failedBefore = true;
        holds.set(requestId, hold);
        // The database failed: admit no more from this grant until one is taken again.
        if (!isRetired(grant)) retire(grant.account);
        throw error;
      } finally {
        closesUnderWay.delete(requestId);
      }
      grant.open -= hold.amount;
      grant.holds -= 1;
      if (result.outcome === 'settled') grant.remaining -= result.charged;
      closedStates.set(requestId, result.outcome === 'settled' ? 'settled' : 'released');
      grant.closedIds.push(requestId);
      if (isRetired(grant) && grant.holds === 0) giveBack(grant);
      return result;
    },

    async giveBackOf(userId) {
      let any = false;
      for (const account of accounts.values()) {
        if (account.grant?.userId !== userId) continue;
        retire(account);
        any = true;
      }
      if (any) await idle();
      return any;
    },

    idle,

    async giveBackAll() {
      closing = true;
      for (const account of accounts.values()) retire(account);
      await idle();
    },
  };
}

function newGrant(taken: TakenGrant, account: Account, expiresAt: number): Grant {
  return {
    grantId: taken.grantId,
    userId: taken.userId,
    tokenId: taken.tokenId,
    instanceId: taken.instanceId,
    account,
    remaining: taken.amount,
    open: 0,
    holds: 0,
    expiresAt,
    closedIds: [],
  };
}

/**
 * Gives `free` of a grant back to its user and key, in one transaction: drawn from the
 * grant's row first (owned rows before shared ones), and not at all when the row is closed
 * (recovery gave the whole grant back).
 */
async function returnFree(store: LedgerStore, grant: Grant, free: number): Promise<void> {
  await store.transaction(async (repositories) => {
    if (!(await repositories.quotaReservations.drawDown(grant.grantId, free))) return;
    await repositories.users.applyQuotaChange(grant.userId, { quota: free });
    if (grant.tokenId !== null) {
      await repositories.tokens.applyQuotaChange(grant.tokenId, { remainQuota: free });
    }
  });
}

const REFUSED = Symbol('grant refused');

/**
 * Takes a grant: the user's and the key's conditional debits a hold makes and the grant's
 * reservation row, in one transaction. Each debit first takes BALANCE_HEADROOM times the
 * amount, so it fails unless that much is there, then gives back all but the amount: one
 * conditional statement decides, as for every hold. False when a balance is short; nothing
 * is then taken.
 */
async function takeGrant(store: LedgerStore, grant: TakenGrant, now: number): Promise<boolean> {
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
