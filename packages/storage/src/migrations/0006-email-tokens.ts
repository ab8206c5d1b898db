import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, notNull, tableOptions } from './column-types';

/*
 * Email ownership: when a user's address was last proved, and the single-use links mailed to
 * prove it (verification) or to set a new password (reset). Only a hash of each link's token
 * is stored. Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createEmailTokensMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      // Null: the address was never proved (every address already stored starts so).
      await db.schema.alterTable('users').addColumn('email_verified_at', 'bigint').execute();
      await tableOptions(
        addIdColumn(db.schema.createTable('email_tokens'), dialect)
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          // `verify_email` or `reset_password`.
          .addColumn('purpose', 'varchar(32)', notNull)
          // SHA-256 of the token in the link, hex.
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
          // The address the link was sent to: a verification proves that one, not a later one.
          .addColumn('email', 'varchar(255)', notNull)
          .addColumn('expires_at', 'bigint', notNull)
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('email_tokens_user_idx')
        .on('email_tokens')
        .columns(['user_id', 'purpose'])
        .execute();
    },
  };
}
