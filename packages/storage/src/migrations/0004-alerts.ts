import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, notNull, tableOptions } from './column-types';

/*
 * One row per alert sent (a user's quota running low, a channel disabled or re-enabled by
 * health, a key about to expire), keyed by the alert's identity: the unique key lets exactly
 * one of several instances claim an alert, so nobody is told twice.
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createAlertsMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      await tableOptions(
        addIdColumn(db.schema.createTable('alert_deliveries'), dialect)
          // 191 characters: the longest utf8mb4 column MySQL indexes in full on old row formats.
          .addColumn('alert_key', 'varchar(191)', (c) => c.notNull().unique())
          .addColumn('type', 'varchar(32)', notNull)
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('alert_deliveries_created_at_idx')
        .on('alert_deliveries')
        .column('created_at')
        .execute();
    },
  };
}
