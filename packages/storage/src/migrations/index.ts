import type { Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { createInitialMigration } from './0001-initial';
import { createInstanceLeasesMigration } from './0002-instance-leases';

/** Every migration, keyed by a name that sorts in the order they must run. */
export function listMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_initial': createInitialMigration(dialect),
    '0002_instance_leases': createInstanceLeasesMigration(dialect),
  };
}
