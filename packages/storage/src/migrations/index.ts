import type { Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { createInitialMigration } from './0001-initial';
import { createInstanceLeasesMigration } from './0002-instance-leases';
import { createAuditLogsMigration } from './0003-audit-logs';
import { createAlertsMigration } from './0004-alerts';
import { createIdentitiesMigration } from './0005-identities';
import { createEmailTokensMigration } from './0006-email-tokens';
import { createSecondFactorsMigration } from './0007-second-factors';
import { createHotPathLogIndexesMigration } from './0008-hot-path-log-indexes';

/** Every migration, keyed by a name that sorts in the order they must run. */
export function listMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_initial': createInitialMigration(dialect),
    '0002_instance_leases': createInstanceLeasesMigration(dialect),
    '0003_audit_logs': createAuditLogsMigration(dialect),
    '0004_alerts': createAlertsMigration(dialect),
    '0005_identities': createIdentitiesMigration(dialect),
    '0006_email_tokens': createEmailTokensMigration(dialect),
    '0007_second_factors': createSecondFactorsMigration(dialect),
    '0008_hot_path_log_indexes': createHotPathLogIndexesMigration(dialect),
  };
}
