import { sql } from 'kysely';
import type { UsageHourlyRow } from '../schema';
import { compileOnce, compileOncePerCount } from './compile-once';
import type { Executor } from './executor';

export type UsageHourly = UsageHourlyRow;

const HOUR_MS = 3_600_000;

/** Start of the UTC hour containing `at`. */
export const hourOf = (at: number): number => at - (at % HOUR_MS);

export interface UsageIncrement {
  readonly at: number;
  readonly userId: number;
  /** 0 for requests made without an API key. */
  readonly tokenId: number;
  readonly model: string;
  /** 0 when no channel was reached. */
  readonly channelId: number;
  readonly requests?: number;
  readonly errors?: number;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cachedTokens?: number;
  readonly quota?: number;
}

export interface UsageQuery {
  readonly from: number;
  readonly to: number;
  readonly userId?: number;
  readonly tokenId?: number;
  readonly channelId?: number;
  readonly model?: string;
}

const COUNTERS = [
  'requests',
  'errors',
  'promptTokens',
  'completionTokens',
  'cachedTokens',
  'quota',
] as const;

const KEY_COLUMNS = ['hour', 'userId', 'tokenId', 'model', 'channelId'] as const;
const COLUMNS = [...KEY_COLUMNS, ...COUNTERS] as const;
type UsageRow = UsageHourlyRow;

/**
 * Adds a row's counters to its hour's totals, creating the row: an upsert in each dialect's
 * words. Every settlement runs it, so it is compiled once (compile-once.ts).
 */
const addToHour = compileOnce(COLUMNS.length, (executor, ...values: unknown[]) => {
  const row = Object.fromEntries(COLUMNS.map((column, index) => [column, values[index]]));
  return upsertInto(executor, [row as UsageRow]);
});

/** The same for many rows (a batch of settlements): compiled once per row count. */
const addToHours = compileOncePerCount(COLUMNS.length, (executor, items) =>
  upsertInto(
    executor,
    items.map(
      (item) =>
        Object.fromEntries(COLUMNS.map((column, index) => [column, item[index]])) as UsageRow,
    ),
  ),
);

function upsertInto({ db, dialect }: Executor, rows: UsageRow[]) {
  const insert = db.insertInto('usageHourly').values(rows);
  if (dialect === 'mysql') {
    return insert.onDuplicateKeyUpdate(
      Object.fromEntries(
        COUNTERS.map((column) => [column, sql`${sql.ref(column)} + values(${sql.ref(column)})`]),
      ),
    );
  }
  return insert.onConflict((conflict) =>
    conflict
      .columns([...KEY_COLUMNS])
      .doUpdateSet((eb) =>
        Object.fromEntries(
          COUNTERS.map((column) => [
            column,
            eb(`usageHourly.${column}`, '+', eb.ref(`excluded.${column}`)),
          ]),
        ),
      ),
  );
}

export function createUsageHourlyRepository(executor: Executor) {
  const { db } = executor;
  return {
    /** Adds to the hour's totals for this user, token, model and channel, creating the row. */
    async add(increment: UsageIncrement): Promise<void> {
      const row: UsageRow = {
        hour: hourOf(increment.at),
        userId: increment.userId,
        tokenId: increment.tokenId,
        model: increment.model,
        channelId: increment.channelId,
        requests: increment.requests ?? 0,
        errors: increment.errors ?? 0,
        promptTokens: increment.promptTokens ?? 0,
        completionTokens: increment.completionTokens ?? 0,
        cachedTokens: increment.cachedTokens ?? 0,
        quota: increment.quota ?? 0,
      };
      await addToHour(executor, ...COLUMNS.map((column) => row[column]));
    },

    /**
     * Adds many increments in one upsert: those of the same hour and key are summed first
     * (an upsert may not touch a row twice), and the rows go in key order, so that two
     * batches locking the same rows take them in the same order.
     */
    async addMany(increments: readonly UsageIncrement[]): Promise<void> {
      const byKey = new Map<string, UsageRow>();
      for (const increment of increments) {
        const hour = hourOf(increment.at);
        const key = [
          hour,
          increment.userId,
          increment.tokenId,
          increment.channelId,
          increment.model,
        ].join('\u0000');
        const row = byKey.get(key) ?? {
          hour,
          userId: increment.userId,
          tokenId: increment.tokenId,
          model: increment.model,
          channelId: increment.channelId,
          requests: 0,
          errors: 0,
          promptTokens: 0,
          completionTokens: 0,
          cachedTokens: 0,
          quota: 0,
        };
        row.requests += increment.requests ?? 0;
        row.errors += increment.errors ?? 0;
        row.promptTokens += increment.promptTokens ?? 0;
        row.completionTokens += increment.completionTokens ?? 0;
        row.cachedTokens += increment.cachedTokens ?? 0;
        row.quota += increment.quota ?? 0;
        byKey.set(key, row);
      }
      if (byKey.size === 0) return;
      const rows = [...byKey.entries()]
        .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
        .map(([, row]) => row);
      await addToHours(
        executor,
        rows.map((row) => COLUMNS.map((column) => row[column])),
      );
    },

    /** Hourly rows in [from, to), oldest first, narrowed by any of the ids given. */
    async list(query: UsageQuery): Promise<UsageHourly[]> {
      let select = db
        .selectFrom('usageHourly')
        .selectAll()
        .where('hour', '>=', hourOf(query.from))
        .where('hour', '<', query.to)
        .orderBy('hour');
      if (query.userId !== undefined) select = select.where('userId', '=', query.userId);
      if (query.tokenId !== undefined) select = select.where('tokenId', '=', query.tokenId);
      if (query.channelId !== undefined) select = select.where('channelId', '=', query.channelId);
      if (query.model !== undefined) select = select.where('model', '=', query.model);
      return select.execute();
    },

    /** Totals over [from, to), narrowed like `list`. */
    async total(query: UsageQuery): Promise<Record<(typeof COUNTERS)[number], number>> {
      let select = db
        .selectFrom('usageHourly')
        .select((eb) =>
          COUNTERS.map((column) => eb.fn.coalesce(eb.fn.sum<number>(column), eb.lit(0)).as(column)),
        )
        .where('hour', '>=', hourOf(query.from))
        .where('hour', '<', query.to);
      if (query.userId !== undefined) select = select.where('userId', '=', query.userId);
      if (query.tokenId !== undefined) select = select.where('tokenId', '=', query.tokenId);
      if (query.channelId !== undefined) select = select.where('channelId', '=', query.channelId);
      if (query.model !== undefined) select = select.where('model', '=', query.model);
      const row = await select.executeTakeFirstOrThrow();
      return Object.fromEntries(COUNTERS.map((column) => [column, Number(row[column])])) as Record<
        (typeof COUNTERS)[number],
        number
      >;
    },
  };
}

export type UsageHourlyRepository = ReturnType<typeof createUsageHourlyRepository>;
