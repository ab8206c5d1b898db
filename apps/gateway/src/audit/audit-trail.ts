import type { AuditAction, AuditEntityType, Repositories, User } from '@oneapi/storage';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env';
import { clientAddress } from '../http/peer-address';
import { maskSecrets } from './mask-secrets';

/** Who made a change and from where, read once per admin request. */
export interface AuditActor {
  readonly actorId: number | null;
  readonly actorName: string;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

export interface AuditedChange {
  readonly action: AuditAction;
  readonly entityType: AuditEntityType;
  readonly entityId: string | number;
  /** The entity as the admin API shows it before the change; omitted for a creation. */
  readonly before?: unknown;
  /** The entity as the admin API shows it after the change; omitted for a deletion. */
  readonly after?: unknown;
}

/** The signed-in user of an admin route, the client's address and its user agent. */
export function auditActorOf(c: Context<AppEnv>): AuditActor {
  return auditActorAs(c, c.get('user'));
}

/**
 * `user` acting on their own account before any session exists (an SSO callback, a mailed
 * link), with the client's address and user agent.
 */
export function auditActorAs(c: Context, user: Pick<User, 'id' | 'username'>): AuditActor {
  return {
    actorId: user.id,
    actorName: user.username,
    clientIp: clientAddress(c) ?? null,
    userAgent: c.req.header('user-agent') ?? null,
  };
}

/**
 * Writes one audit entry with secrets masked. Given the repositories of an open
 * `storage.transaction`, the entry commits or rolls back with the change it describes.
 */
export async function recordAudit(
  repositories: Pick<Repositories, 'auditLogs'>,
  actor: AuditActor,
  change: AuditedChange,
): Promise<void> {
  await repositories.auditLogs.record({
    ...actor,
    action: change.action,
    entityType: change.entityType,
    // The column holds 191 characters (a model name is at most that, plus `models/`).
    entityId: String(change.entityId).slice(0, 191),
    before: change.before === undefined ? null : maskSecrets(change.before),
    after: change.after === undefined ? null : maskSecrets(change.after),
  });
}

/** A patch that sets the status alone is an enable or a disable; anything else is an update. */
export function auditActionOf(patch: {
  readonly status?: string;
}): 'update' | 'enable' | 'disable' {
  if (patch.status === undefined || Object.keys(patch).some((name) => name !== 'status'))
    return 'update';
  return patch.status === 'enabled' ? 'enable' : 'disable';
}
