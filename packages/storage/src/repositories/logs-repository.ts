import { sql } from 'kysely';
import type { LogRow, LogType } from '../schema';
import { fitText, fromFlag, readJson, toFlag, writeJson } from '../values';
import { compileOnce, compileOncePerCount } from './compile-once';
import { affectedRows, type Executor, type Page, type PageRequest, pageLimit } from './executor';

/** One upstream attempt of a request, as the router reports it. */
export interface LogAttempt {
  readonly channelId: number;
  readonly keyIndex?: number;
  readonly status?: number;
  readonly errorClass?: string;
  readonly latencyMs?: number;
}

export interface LogEntry {
  readonly id: number;
  readonly createdAt: number;
  readonly type: LogType;
  readonly userId: number | null;
  readonly tokenId: number | null;
  readonly channelId: number | null;
  readonly model: string | null;
  readonly upstreamModel: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly usageEstimated: boolean;
  readonly quota: number;
  readonly requestId: string | null;
  readonly elapsedMs: number | null;
  readonly firstTokenMs: number | null;
  readonly isStream: boolean;
  readonly status: number | null;
  readonly attempts: LogAttempt[] | null;
  readonly clientIp: string | null;
  readonly content: string | null;
}

/** What a page of the log refers to by id, by name: id -> username, key name, channel name. */
export interface LogNames {
  readonly users: Readonly<Record<number, string>>;
  readonly tokens: Readonly<Record<number, string>>;
  readonly channels: Readonly<Record<number, string>>;
}

export type NewLogEntry = Pick<LogEntry, 'type'> &
  Partial<Omit<LogEntry, 'id' | 'type' | 'createdAt'>> & { readonly createdAt?: number };

export interface LogFilter extends PageRequest {
  /** Inclusive lower bound, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly to?: number;
  readonly type?: LogType;
  readonly userId?: number;
  readonly tokenId?: number;
  readonly channelId?: number;
  readonly model?: string;
  readonly status?: number;
  readonly requestId?: string;
}

/** The log cursor, `<createdAt>.<id>` of the last row of a page; null when absent or garbled. */
function readLogCursor(
  cursor: string | null | undefined,
): { createdAt: number; id: number } | null {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(cursor ?? '');
  if (!match) return null;
  const createdAt = Number(match[1]);
  const id = Number(match[2]);
  return Number.isSafeInteger(createdAt) && Number.isSafeInteger(id) ? { createdAt, id } : null;
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    ...row,
    usageEstimated: fromFlag(row.usageEstimated),
    isStream: fromFlag(row.isStream),
    attempts: readJson<LogAttempt[]>(row.attempts, 'logs.attempts'),
  };
}

/** Widths of the log's varchar columns (migration 0001): longer values are cut to them. */
const ID_LENGTH = 64;
const NAME_LENGTH = 191;

function toLogColumns(entry: NewLogEntry, now: number) {
  return {
    createdAt: entry.createdAt ?? now,
    type: entry.type,
    userId: entry.userId ?? null,
    tokenId: entry.tokenId ?? null,
    channelId: entry.channelId ?? null,
    model: fitText(entry.model, NAME_LENGTH),
    upstreamModel: fitText(entry.upstreamModel, NAME_LENGTH),
    promptTokens: entry.promptTokens ?? 0,
    completionTokens: entry.completionTokens ?? 0,
    cachedTokens: entry.cachedTokens ?? 0,
    usageEstimated: toFlag(entry.usageEstimated ?? false),
    quota: entry.quota ?? 0,
    requestId: fitText(entry.requestId, ID_LENGTH),
    elapsedMs: entry.elapsedMs ?? null,
    firstTokenMs: entry.firstTokenMs ?? null,
    isStream: toFlag(entry.isStream ?? false),
    status: entry.status ?? null,
    attempts: writeJson(entry.attempts),
    clientIp: fitText(entry.clientIp, ID_LENGTH),
    content: entry.content ?? null,
  };
}

type LogColumns = ReturnType<typeof toLogColumns>;
const LOG_COLUMNS = Object.keys(toLogColumns({ type: 'consume' }, 0)) as (keyof LogColumns)[];

/** One row, as every settlement writes it: compiled once (compile-once.ts). */
const insertOne = compileOnce(LOG_COLUMNS.length, ({ db }, ...values: unknown[]) =>
  db
    .insertInto('logs')
    .values(
      Object.fromEntries(LOG_COLUMNS.map((column, index) => [column, values[index]])) as LogColumns,
    ),
);

/** Many rows, as a batch of settlements writes them: compiled once per row count. */
const insertMany = compileOncePerCount(LOG_COLUMNS.length, ({ db }, items) =>
  db
    .insertInto('logs')
    .values(
      items.map(
        (item) =>
          Object.fromEntries(
            LOG_COLUMNS.map((column, index) => [column, item[index]]),
          ) as LogColumns,
      ),
    ),
);

export function createLogsRepository(executor: Executor) {
  const { db } = executor;
  return {
    /** Writes entries in as few statements as the dialects allow; all or nothing in a transaction. */
    async insertMany(entries: readonly NewLogEntry[], now = Date.now()): Promise<void> {
      const [only] = entries;
      if (entries.length === 1 && only) {
        const row = toLogColumns(only, now);
        await insertOne(executor, ...LOG_COLUMNS.map((column) => row[column]));
        return;
      }
      for (let start = 0; start < entries.length; start += 200) {
        const rows = entries.slice(start, start + 200).map((entry) => {
          const row = toLogColumns(entry, now);
          return LOG_COLUMNS.map((column) => row[column]);
        });
        await insertMany(executor, rows);
      }
    },

    /**
     * Newest first, with a keyset cursor on (created_at, id): page N costs the same as page 1.
     * Ordered by time rather than by id alone because every filter's index ends in created_at
     * ((user_id, created_at), (type, created_at), ...): the database walks the filter's index
     * backwards and stops after one page, where an id order made it read and sort every
     * matching row (a tenth of a second for "errors only" at a million rows).
     */
    async list(filter: LogFilter = {}): Promise<Page<LogEntry>> {
      const limit = pageLimit(filter);
      const cursor = readLogCursor(filter.cursor);
      let query = db
        .selectFrom('logs')
        .selectAll()
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb('createdAt', '<', cursor.createdAt),
            eb.and([eb('createdAt', '=', cursor.createdAt), eb('id', '<', cursor.id)]),
          ]),
        );
      }
      if (filter.from !== undefined) query = query.where('createdAt', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('createdAt', '<', filter.to);
      // On SQLite the type and status indexes are partial (migration 0008): they hold the
      // rows a filter on them looks for, and SQLite uses one only when the query states the
      // index's condition in its own words (a no-op elsewhere).
      if (filter.type) query = query.where('type', '=', filter.type);
      if (filter.type && filter.type !== 'consume')
        query = query.where('type', '<>', sql.lit('consume'));
      if (filter.userId !== undefined) query = query.where('userId', '=', filter.userId);
      if (filter.tokenId !== undefined) query = query.where('tokenId', '=', filter.tokenId);
      if (filter.channelId !== undefined) query = query.where('channelId', '=', filter.channelId);
      if (filter.model) query = query.where('model', '=', filter.model);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.status !== undefined && filter.status !== 200)
        query = query.where('status', '<>', sql.lit(200));
      if (filter.requestId) query = query.where('requestId', '=', filter.requestId);
      const rows = await query.execute();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor = rows.length > limit && last ? `${last.createdAt}.${last.id}` : null;
      return { items: items.map(toLogEntry), nextCursor };
    },

    /**
     * The names behind the ids in `entries` (a page of at most a few hundred), one query per
     * table. An id that names nothing (deleted since) is left out.
     */
    async namesOf(
      entries: readonly Pick<LogEntry, 'userId' | 'tokenId' | 'channelId'>[],
    ): Promise<LogNames> {
      const idsOf = (pick: (entry: (typeof entries)[number]) => number | null) => [
        ...new Set(entries.map(pick).filter((id): id is number => id !== null)),
      ];
      const userIds = idsOf((entry) => entry.userId);
      const tokenIds = idsOf((entry) => entry.tokenId);
      const channelIds = idsOf((entry) => entry.channelId);
      const [users, tokens, channels] = await Promise.all([
        userIds.length === 0
          ? []
          : db
              .selectFrom('users')
              .select(['id', 'username as name'])
              .where('id', 'in', userIds)
              .execute(),
        tokenIds.length === 0
          ? []
          : db.selectFrom('tokens').select(['id', 'name']).where('id', 'in', tokenIds).execute(),
        channelIds.length === 0
          ? []
          : db
              .selectFrom('channels')
              .select(['id', 'name'])
              .where('id', 'in', channelIds)
              .execute(),
      ]);
      const byId = (rows: readonly { id: number; name: string }[]) =>
        Object.fromEntries(rows.map((row) => [row.id, row.name]));
      return { users: byId(users), tokens: byId(tokens), channels: byId(channels) };
    },

    /** Entries a request wrote, oldest first; used by reservation recovery. */
    async listByRequestId(requestId: string): Promise<LogEntry[]> {
      const rows = await db
        .selectFrom('logs')
        .selectAll()
        .where('requestId', '=', requestId)
        .orderBy('id')
        .execute();
      return rows.map(toLogEntry);
    },

    /** Deletes up to `batchSize` entries older than `cutoff`; call until it returns 0. */
    async deleteBefore(cutoff: number, batchSize = 5_000): Promise<number> {
      const ids = await db
        .selectFrom('logs')
        .select('id')
        .where('createdAt', '<', cutoff)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (ids.length === 0) return 0;
      const result = await db
        .deleteFrom('logs')
        .where(
          'id',
          'in',
          ids.map((row) => row.id),
        )
        .executeTakeFirst();
      return affectedRows(result);
    },
  };
}

export type LogsRepository = ReturnType<typeof createLogsRepository>;
