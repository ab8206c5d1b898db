import type { AuditEntry } from '@oneapi/storage';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { parseQuery } from '../../http/parse-body';
import { type CsvColumn, csvResponse, csvTime, exportFilename, readPages } from './csv-export';

const entityType = z.enum([
  'channel',
  'token',
  'user',
  'price',
  'setting',
  'redemption_code',
  'identity',
  'two_factor',
  'passkey',
]);
const action = z.enum(['create', 'update', 'delete', 'enable', 'disable', 'top_up']);

const auditFilters = {
  /** The actor's username as recorded (a deleted user's entries are still found). */
  actor: z.string().min(1).max(64).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  entityType: entityType.optional(),
  entityId: z.string().min(1).max(191).optional(),
  action: action.optional(),
  /** Inclusive, epoch ms. */
  from: z.coerce.number().int().min(0).optional(),
  /** Exclusive, epoch ms. */
  to: z.coerce.number().int().min(0).optional(),
};
export const auditQuery = z.object({
  ...auditFilters,
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(32).optional(),
});
/** The same filters; the export pages through the cursor itself. */
export const auditExportQuery = z.object(auditFilters);

/** GET /api/audit-logs' answer, for the OpenAPI document (the dashboard's types come from it). */
export const auditPage = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      createdAt: z.number().int(),
      /** null: the system or the CLI. */
      actorId: z.number().int().nullable(),
      /** The actor's username when the change was made. */
      actorName: z.string(),
      action,
      entityType,
      /** A channel's or user's id, a setting's name, `models/<model>` for a price. */
      entityId: z.string(),
      clientIp: z.string().nullable(),
      userAgent: z.string().nullable(),
      /** The entity as the admin API showed it before the change (secrets masked); null for a creation. */
      before: z.unknown(),
      /** After the change; null for a deletion. */
      after: z.unknown(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const AUDIT_COLUMNS: readonly CsvColumn<AuditEntry>[] = [
  ['id', (entry) => entry.id],
  ['created_at', (entry) => csvTime(entry.createdAt)],
  ['actor_id', (entry) => entry.actorId],
  ['actor_name', (entry) => entry.actorName],
  ['action', (entry) => entry.action],
  ['entity_type', (entry) => entry.entityType],
  ['entity_id', (entry) => entry.entityId],
  ['client_ip', (entry) => entry.clientIp],
  ['user_agent', (entry) => entry.userAgent],
  ['before', (entry) => (entry.before === null ? null : JSON.stringify(entry.before))],
  ['after', (entry) => (entry.after === null ? null : JSON.stringify(entry.after))],
];

/** The audit log for admins: who changed what, newest first, filtered, and as a CSV. */
export function createAuditLogsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { auditLogs } = services.storage.repositories;

  app.get('/audit-logs', async (c) => {
    const { actor, ...filter } = parseQuery(c, auditQuery);
    const page: z.infer<typeof auditPage> = await auditLogs.list({ ...filter, actorName: actor });
    return c.json(page);
  });

  // Newest first, at most EXPORT_MAX_ROWS rows; streamed a page at a time.
  app.get('/audit-logs/export.csv', async (c) => {
    const { actor, ...filter } = parseQuery(c, auditExportQuery);
    return csvResponse(c, {
      filename: exportFilename('audit-log'),
      columns: AUDIT_COLUMNS,
      batches: readPages((page) => auditLogs.list({ ...filter, actorName: actor, ...page })),
    });
  });

  return app;
}
