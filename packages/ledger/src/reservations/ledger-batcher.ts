import type { LedgerStore } from '../ports';
import { checkQuotaAmount } from '../quota';
import { type CloseJob, closeReservations, type GrantDraw } from './batch-closes';
import { holdQuota } from './batch-holds';
import type { BatchOutcome } from './batch-outcome';
import {
  type ReleaseReservationInput,
  type ReleaseResult,
  releaseReservation,
} from './release-reservation';
import { type ReserveQuotaInput, reserveQuota } from './reserve-quota';
import {
  type SettleReservationInput,
  type SettleResult,
  settleReservation,
} from './settle-reservation';

/** The most requests one commit carries: bounds the statements' size and the lock time. */
export const MAX_BATCH = 128;

/**
 * A batch smaller than LINGER_BELOW waits one more turn of the event loop when the previous
 * batch ended less than this many ms ago. Under load a turn's I/O brings the ledger a request
 * or two: in the gateway at saturation a commit carried about one hold and one settlement,
 * and the commits were half of SQLite's time. Waiting one turn lets the next turn's requests
 * join. A batch whose previous one ended longer ago (a quiet ledger) commits at once; calls
 * that follow each other within the window (a release right after its hold) wait the one
 * turn, which costs microseconds when the loop is idle.
 */
export const BATCH_LINGER_MS = 2;

/** A batch this large commits without waiting: it already shares its commit well. */
const LINGER_BELOW = 8;

/** Holds, settlements and releases that share their commits with concurrent ones. */
export interface LedgerBatcher {
  hold(input: ReserveQuotaInput, now: number): Promise<void>;
  /** With `draw`, the request's hold came from a quota grant (quota-grants.ts). */
  settle(input: SettleReservationInput, now: number, draw?: GrantDraw): Promise<SettleResult>;
  release(input: ReleaseReservationInput, now: number, draw?: GrantDraw): Promise<ReleaseResult>;
  /** Resolves once everything asked for so far has committed or failed. */
  idle(): Promise<void>;
}

type Job = (
  | {
      readonly kind: 'hold';
      readonly input: ReserveQuotaInput;
      readonly now: number;
      readonly draw: undefined;
    }
  | CloseJob
) & {
  readonly resolve: (value: never) => void;
  readonly reject: (error: unknown) => void;
};

/**
 * Group commit for the ledger (docs/decisions/0005-group-commit-ledger.md). The requests
 * that arrive while a batch commits wait for the next one, which runs them all in one
 * transaction with a number of statements that does not grow with the batch (batch-holds.ts,
 * batch-closes.ts). One batch is in flight per ledger. Every request resolves only after
 * the commit that holds its writes, so a resolved hold or settlement is as durable as an
 * unbatched one. A batch that fails as a whole (a taken request id, a deadlock past its
 * retries, a lost connection) is rolled back whole, and each of its requests is then tried
 * alone in its own transaction, as without batching: only a request at fault fails, and a
 * database that is down fails each of them with nothing written.
 */
export function createLedgerBatcher(
  store: LedgerStore,
  options: { readonly maxBatch?: number; readonly lingerMs?: number } = {},
): LedgerBatcher {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  const lingerMs = options.lingerMs ?? BATCH_LINGER_MS;
  let queue: Job[] = [];
  let draining = false;
  let whenIdle: (() => void)[] = [];
  let lastBatchEndedAt = Number.NEGATIVE_INFINITY;
  let lingered = false;

  const drain = async () => {
    if (
      !lingered &&
      queue.length < LINGER_BELOW &&
      performance.now() - lastBatchEndedAt < lingerMs
    ) {
      lingered = true;
      setImmediate(drain);
      return;
    }
    lingered = false;
    let committedAt = Number.NEGATIVE_INFINITY;
    while (queue.length > 0) {
      // A batch that follows a commit at once gathers what that commit's round trip let in;
      // a one-trip batch is short, so under load it gathers a few turns' more (up to
      // lingerMs after that commit): one script per batch is the database's whole cost.
      if (
        store.writeInOneTrip &&
        queue.length < LINGER_BELOW &&
        performance.now() - committedAt < lingerMs &&
        queue.every(writesOnly)
      ) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await commit(store, batch);
      committedAt = performance.now();
    }
    draining = false;
    lastBatchEndedAt = performance.now();
    for (const resolve of whenIdle) resolve();
    whenIdle = [];
  };

  const enqueue = <T>(job: Omit<Job, 'resolve' | 'reject'>) =>
    new Promise<T>((resolve, reject) => {
      // Built field by field: a spread of jobs of three shapes went megamorphic, 3.8% of the
      // ledger bench's busy time in this one line.
      queue.push({
        kind: job.kind,
        input: job.input,
        now: job.now,
        draw: job.draw,
        resolve,
        reject,
      } as Job);
      // setImmediate lets every request whose I/O completed in this turn join the batch.
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    });

  return {
    hold(input, now) {
      checkQuotaAmount(input.amount, 'A reservation');
      return enqueue({ kind: 'hold', input, now, draw: undefined });
    },
    settle(input, now, draw) {
      checkQuotaAmount(input.charged, 'A charge');
      return enqueue({ kind: 'settle', input, now, draw });
    },
    release: (input, now, draw) => enqueue({ kind: 'release', input, now, draw }),
    idle: () =>
      draining ? new Promise<void>((resolve) => whenIdle.push(resolve)) : Promise.resolve(),
  };
}

async function commit(store: LedgerStore, batch: readonly Job[]): Promise<void> {
  if (batch.length === 1) return runAlone(store, batch[0] as Job);
  const holds = batch.filter((job) => job.kind === 'hold');
  const closes = batch.filter((job) => job.kind !== 'hold');
  let outcomes: BatchOutcome<unknown>[];
  try {
    outcomes = await writeOrTransact(
      store,
      batch,
    )(async (repositories) => {
      // Closes first: quota they return can admit a hold of the same batch. Their account
      // changes are written with the holds', one UPDATE per account, and last, so a hot
      // account's row lock is held only from there to COMMIT, not through the log writes.
      const closed = await closeReservations(repositories, closes);
      const held = await holdQuota(
        repositories,
        holds.map((job) => job.input),
        holds[0]?.now ?? Date.now(),
        closed.accounts,
      );
      return [...closed.outcomes, ...held];
    });
  } catch {
    await Promise.all(batch.map((job) => runAlone(store, job, { afterFailure: true })));
    return;
  }
  [...closes, ...holds].forEach((job, index) => {
    const outcome = outcomes[index] as BatchOutcome<unknown>;
    if (outcome.ok) job.resolve(outcome.value as never);
    else job.reject(outcome.error);
  });
}

/** A close of a grant's hold not tried before: it reads nothing and needs no answer. */
const writesOnly = (job: Pick<Job, 'kind' | 'draw'>) =>
  job.kind !== 'hold' && job.draw !== undefined && !job.draw.mayHaveCommitted;

/**
 * How a batch runs: a transaction, or, for settlements and releases drawn from quota
 * grants alone (the hot path once grants admit), the store's one round trip when it has
 * one. Such a batch reads nothing (no reservation rows to lock, no earlier attempt's log to
 * look for) and writes nothing that needs an answer, which is what `writeInOneTrip` asks.
 */
function writeOrTransact(
  store: LedgerStore,
  batch: readonly Pick<Job, 'kind' | 'draw'>[],
): LedgerStore['transaction'] {
  return store.writeInOneTrip && batch.every(writesOnly)
    ? store.writeInOneTrip.bind(store)
    : store.transaction.bind(store);
}

/** One request in its own transaction: the unbatched path, which never throws here. */
async function runAlone(
  store: LedgerStore,
  job: Job,
  { afterFailure = false } = {},
): Promise<void> {
  try {
    if (job.draw !== undefined) {
      // The failed batch may have committed before its answer was lost.
      const draw = afterFailure ? { ...job.draw, mayHaveCommitted: true } : job.draw;
      job.resolve((await closeDrawnAlone(store, { ...(job as CloseJob), draw })) as never);
      return;
    }
    switch (job.kind) {
      case 'hold':
        job.resolve((await reserveQuota(store, job.input, job.now)) as never);
        return;
      case 'settle':
        job.resolve((await settleReservation(store, job.input, job.now)) as never);
        return;
      case 'release':
        job.resolve((await releaseReservation(store, job.input, job.now)) as never);
        return;
    }
  } catch (error) {
    job.reject(error);
  }
}

/**
 * A close of a grant's hold in its own transaction. It has no unbatched path of its own
 * (there is no row of its own to close): it is the batch's code with one request.
 */
async function closeDrawnAlone(
  store: LedgerStore,
  job: CloseJob,
): Promise<SettleResult | ReleaseResult> {
  const outcome = await writeOrTransact(store, [job])(async (repositories) => {
    const closed = await closeReservations(repositories, [job]);
    await holdQuota(repositories, [], job.now, closed.accounts);
    return closed.outcomes[0] as BatchOutcome<SettleResult | ReleaseResult>;
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
