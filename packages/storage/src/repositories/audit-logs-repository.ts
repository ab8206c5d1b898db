import type { AuditAction, AuditEntityType, AuditLogRow } from '../schema';
import { fitText, readJson, writeJson } from '../values';
import {
  type Executor,
  insertReturningId,
  type Page,
  type PageRequest,
  pageLimit,
  readCursor,
  toPage,
} from './executor';

export interface AuditEntry {
  readonly id: number;
  readonly createdAt: number;
  readonly actorId: number | null;
  readonly actorName: string;
  readonly action: AuditAction;
  readonly entityType: AuditEntityType;
  readonly entityId: string;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  /** The entity before the change, as the gateway recorded it (secrets masked); null for a creation. */
  readonly before: unknown;
  /** The entity after the change; null for a deletion. */
  readonly after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt'> & { readonly createdAt?: number };

export interface AuditFilter extends PageRequest {
  readonly actorId?: number;
  /** The actor's username as recorded, so entries of a deleted user can still be found. */
  readonly actorName?: string;
  readonly entityType?: AuditEntityType;
  readonly entityId?: string;
  readonly action?: AuditAction;
  /** Inclusive lower bound, epoch ms. */
  readonly from?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly to?: number;
}

// A user agent is the caller's text: cut to the column's size rather than refuse the change.
const USER_AGENT_LENGTH = 512;
/** A client's address as it said it (X-Forwarded-For): cut to the column, never refused. */
const CLIENT_IP_LENGTH = 64;

function toAuditEntry({ beforeValue, afterValue, ...row }: AuditLogRow): AuditEntry {
  return {
    ...row,
    before: readJson(beforeValue, 'audit_logs.before_value'),
    after: readJson(afterValue, 'audit_logs.after_value'),
  };
}

export function createAuditLogsRepository(executor: Executor) {
  const { db } = executor;
  return {
    /** Writes one entry; inside `storage.transaction` it commits or rolls back with the change. */
    record(entry: NewAuditEntry, now = Date.now()): Promise<number> {
      const { before, after, createdAt, userAgent, ...rest } = entry;
      return insertReturningId(
        executor,
        db.insertInto('auditLogs').values({
          ...rest,
          createdAt: createdAt ?? now,
          clientIp: fitText(rest.clientIp, CLIENT_IP_LENGTH),
          userAgent: fitText(userAgent, USER_AGENT_LENGTH),
          beforeValue: writeJson(before),
          afterValue: writeJson(after),
        }),
      );
    },

    /** Newest first (by id, which grows with time), with an id cursor. */
    async list(filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
      const limit = pageLimit(filter);
      const cursor = readCursor(filter.cursor);
      let query = db
        .selectFrom('auditLogs')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor !== null) query = query.where('id', '<', cursor);
      if (filter.actorId !== undefined) query = query.where('actorId', '=', filter.actorId);
      if (filter.actorName !== undefined) query = query.where('actorName', '=', filter.actorName);
      if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
      if (filter.entityId !== undefined) query = query.where('entityId', '=', filter.entityId);
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.from !== undefined) query = query.where('createdAt', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('createdAt', '<', filter.to);
      const page = toPage(await query.execute(), limit);
      return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
    },
  };
}

export type AuditLogsRepository = ReturnType<typeof createAuditLogsRepository>;
