import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';
import { runTransaction } from './transaction';

/** The most pieces of work one commit carries; bounds how long a batch holds the lock. */
const MAX_BATCH = 64;

interface Pending<T> {
  readonly work: (executor: Kysely<Database>) => Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * SQLite write transactions with group commit. SQLite has one connection and one writer, so
 * concurrent transactions already run one after the other; what each one costs is mostly its
 * COMMIT (the WAL frames written for every page it touched). Here the transactions that
 * arrive while one batch runs wait for the next, which runs them all in one transaction,
 * each inside its own savepoint: a piece of work that throws is rolled back alone and its
 * caller gets the error, the others commit. Every caller's promise settles only after the
 * commit that holds its writes, so a resolved transaction is exactly as durable as before.
 */
export function createBatchedTransactions(db: Kysely<Database>) {
  let queue: Pending<unknown>[] = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      let outcomes: Settled[];
      try {
        // Retried whole on SQLITE_BUSY; each attempt starts the savepoints afresh.
        outcomes = await runTransaction(db, (trx) => runEach(trx, batch));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        continue;
      }
      outcomes.forEach((outcome, index) => {
        const pending = batch[index] as Pending<unknown>;
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
    draining = false;
  };

  return function transaction<T>(work: (executor: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve, reject } as Pending<unknown>);
      // setImmediate lets every request whose I/O arrived in this turn join the batch.
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    });
  };
}

async function runEach(
  trx: Kysely<Database>,
  batch: readonly Pending<unknown>[],
): Promise<Settled[]> {
  // One piece alone needs no savepoint: its error rolls back the whole transaction.
  if (batch.length === 1) {
    return [{ ok: true, value: await (batch[0] as Pending<unknown>).work(trx) }];
  }
  const outcomes: Settled[] = [];
  for (const pending of batch) {
    await sql`savepoint batch_item`.execute(trx);
    try {
      outcomes.push({ ok: true, value: await pending.work(trx) });
      await sql`release batch_item`.execute(trx);
    } catch (error) {
      await sql`rollback to batch_item`.execute(trx);
      await sql`release batch_item`.execute(trx);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
