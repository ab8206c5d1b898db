import type { LogEntry, LogFilter } from '@oneapi/storage';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { parseQuery } from '../../http/parse-body';
import { satisfiesRole } from './admin-policy';
import { type CsvColumn, csvResponse, csvTime, exportFilename, readPages } from './csv-export';

export const logQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(32).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  type: z.enum(['consume', 'topup', 'manage', 'system', 'error', 'audit']).optional(),
  userId: z.coerce.number().int().positive().optional(),
  /** Admins: one user's entries by username (an unknown name matches nothing). */
  username: z.string().min(1).max(64).optional(),
  tokenId: z.coerce.number().int().positive().optional(),
  channelId: z.coerce.number().int().positive().optional(),
  model: z.string().max(191).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  requestId: z.string().max(64).optional(),
});
/** The same filters; the export pages through the cursor itself. */
export const logExportQuery = logQuery.omit({ limit: true, cursor: true });

/** A log entry with the names behind its ids (null: none, deleted since, or not shown). */
type NamedLogEntry = LogEntry & {
  readonly userName: string | null;
  readonly tokenName: string | null;
  readonly channelName: string | null;
};

const LOG_COLUMNS: readonly CsvColumn<NamedLogEntry>[] = [
  ['id', (log) => log.id],
  ['created_at', (log) => csvTime(log.createdAt)],
  ['type', (log) => log.type],
  ['user_id', (log) => log.userId],
  ['user_name', (log) => log.userName],
  ['token_id', (log) => log.tokenId],
  ['token_name', (log) => log.tokenName],
  ['channel_id', (log) => log.channelId],
  ['channel_name', (log) => log.channelName],
  ['model', (log) => log.model],
  ['upstream_model', (log) => log.upstreamModel],
  ['prompt_tokens', (log) => log.promptTokens],
  ['completion_tokens', (log) => log.completionTokens],
  ['cached_tokens', (log) => log.cachedTokens],
  ['usage_estimated', (log) => log.usageEstimated],
  ['quota', (log) => log.quota],
  ['request_id', (log) => log.requestId],
  ['elapsed_ms', (log) => log.elapsedMs],
  ['first_token_ms', (log) => log.firstTokenMs],
  ['is_stream', (log) => log.isStream],
  ['status', (log) => log.status],
  ['attempts', (log) => (log.attempts === null ? null : JSON.stringify(log.attempts))],
  ['client_ip', (log) => log.clientIp],
  ['content', (log) => log.content],
];

/**
 * The consumption and audit log, newest first with a keyset cursor (page N costs what page 1
 * does), and the same as a CSV download. Users see their own requests; admins see everyone's
 * and may filter by user.
 */
export function createLogsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { logs } = services.storage.repositories;

  // Each entry also names its user, key and (for admins) channel: ids mean nothing to a reader.
  const readNamedPage = async (c: Context<AppEnv>, filter: LogFilter) => {
    const page = await logs.list(filter);
    const names = await logs.namesOf(page.items);
    const admin = satisfiesRole(c.get('user').role, 'admin');
    const nameOf = (table: Readonly<Record<number, string>>, id: number | null) =>
      id === null ? null : (table[id] ?? null);
    const items: NamedLogEntry[] = page.items.map((entry) => ({
      ...entry,
      userName: nameOf(names.users, entry.userId),
      tokenName: nameOf(names.tokens, entry.tokenId),
      channelName: admin ? nameOf(names.channels, entry.channelId) : null,
    }));
    return { items, nextCursor: page.nextCursor };
  };

  app.get('/logs', async (c) => {
    const filter = await visibleTo(c, services, parseQuery(c, logQuery));
    if (filter === null) return c.json({ items: [], nextCursor: null });
    return c.json(await readNamedPage(c, filter));
  });

  // Newest first, at most EXPORT_MAX_ROWS rows; streamed a page at a time.
  app.get('/logs/export.csv', async (c) => {
    const filter = await visibleTo(c, services, parseQuery(c, logExportQuery));
    return csvResponse(c, {
      filename: exportFilename('logs'),
      columns: LOG_COLUMNS,
      batches: readPages((page) =>
        filter === null
          ? Promise.resolve({ items: [], nextCursor: null })
          : readNamedPage(c, { ...filter, ...page }),
      ),
    });
  });

  return app;
}

/**
 * Users see only their own entries, whatever they ask for; admins everyone's, or one user's
 * by id or username. Null: a username that names nobody, so nothing matches.
 */
async function visibleTo<T extends Pick<LogFilter, 'userId'> & { username?: string | undefined }>(
  c: Context<AppEnv>,
  services: GatewayServices,
  query: T,
): Promise<Omit<T, 'username'> | null> {
  const { username, ...filter } = query;
  const user = c.get('user');
  if (!satisfiesRole(user.role, 'admin')) return { ...filter, userId: user.id };
  if (username === undefined) return filter;
  const named = await services.storage.repositories.users.findByUsername(username);
  if (!named || (filter.userId !== undefined && filter.userId !== named.id)) return null;
  return { ...filter, userId: named.id };
}
