import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { notNull, tableOptions } from './column-types';

/*
 * One lease per running gateway, renewed while it lives, and the instance that holds each
 * quota reservation: a survivor recovers a dead instance's holds once its lease lapses,
 * instead of waiting for STALE_RESERVATION_TIMEOUT (docs/decisions/0004-instance-leases.md).
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createInstanceLeasesMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      await tableOptions(
        db.schema
          .createTable('instance_leases')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('host', 'varchar(255)', notNull)
          .addColumn('pid', 'integer', notNull)
          .addColumn('started_at', 'bigint', notNull)
          .addColumn('lease_until', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('instance_leases_lease_until_idx')
        .on('instance_leases')
        .column('lease_until')
        .execute();

      // Null for rows written before this migration: the age-based recovery still covers them.
      await db.schema
        .alterTable('quota_reservations')
        .addColumn('instance_id', 'varchar(64)')
        .execute();
      await db.schema
        .createIndex('quota_reservations_instance_state_idx')
        .on('quota_reservations')
        .columns(['instance_id', 'state'])
        .execute();
    },
  };
}
