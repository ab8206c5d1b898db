import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, longText, notNull, tableOptions } from './column-types';

/*
 * The audit log: who changed which channel, key, user, price, setting or redemption code,
 * when, from where, and the entity before and after (secrets masked by the gateway).
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createAuditLogsMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      const text = longText(dialect);
      await tableOptions(
        addIdColumn(db.schema.createTable('audit_logs'), dialect)
          .addColumn('created_at', 'bigint', notNull)
          // No foreign key: the entry outlives the user who made the change; the name is kept.
          .addColumn('actor_id', 'bigint')
          .addColumn('actor_name', 'varchar(64)', notNull)
          .addColumn('action', 'varchar(32)', notNull)
          .addColumn('entity_type', 'varchar(32)', notNull)
          .addColumn('entity_id', 'varchar(191)', notNull)
          .addColumn('client_ip', 'varchar(64)')
          .addColumn('user_agent', 'varchar(512)')
          .addColumn('before_value', text)
          .addColumn('after_value', text),
        dialect,
      ).execute();
      // The list is newest first by id; each filter's index ends in id so the database walks
      // it backwards and stops after one page.
      const indexes: Array<[string, string[]]> = [
        ['audit_logs_created_at_idx', ['created_at']],
        ['audit_logs_actor_idx', ['actor_id', 'id']],
        ['audit_logs_entity_idx', ['entity_type', 'entity_id', 'id']],
        ['audit_logs_action_idx', ['action', 'id']],
      ];
      for (const [name, columns] of indexes) {
        await db.schema.createIndex(name).on('audit_logs').columns(columns).execute();
      }
    },
  };
}
