import { sql } from 'kysely';
import type { UsageHourlyRow } from '../schema';
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

export function createUsageHourlyRepository({ db, dialect }: Executor) {
  return {
    /** Adds to the hour's totals for this user, token, model and channel, creating the row. */
    async add(increment: UsageIncrement): Promise<void> {
      const row = {
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
      const insert = db.insertInto('usageHourly').values(row);
      if (dialect === 'mysql') {
        await insert
          .onDuplicateKeyUpdate(
            Object.fromEntries(
              COUNTERS.map((column) => [
                column,
                sql`${sql.ref(column)} + values(${sql.ref(column)})`,
              ]),
            ),
          )
          .execute();
        return;
      }
      await insert
        .onConflict((conflict) =>
          conflict
            .columns(['hour', 'userId', 'tokenId', 'model', 'channelId'])
            .doUpdateSet((eb) =>
              Object.fromEntries(
                COUNTERS.map((column) => [
                  column,
                  eb(`usageHourly.${column}`, '+', eb.ref(`excluded.${column}`)),
                ]),
              ),
            ),
        )
        .execute();
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
