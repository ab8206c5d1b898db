import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, notNull, tableOptions } from './column-types';

/*
 * Accounts at outside identity providers (an OpenID Connect issuer, GitHub) linked to users:
 * one row per provider subject, so the same person signs in as the same user every time.
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createIdentitiesMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      await tableOptions(
        addIdColumn(db.schema.createTable('identities'), dialect)
          // `oidc` or `github`: which of the configured providers vouches for the subject.
          .addColumn('provider', 'varchar(32)', notNull)
          // The provider's stable id of the account (OIDC `sub`, GitHub's numeric user id).
          .addColumn('subject', 'varchar(191)', notNull)
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          // The verified email the provider gave at linking time, for people reading the list.
          .addColumn('email', 'varchar(191)')
          .addColumn('created_at', 'bigint', notNull)
          .addUniqueConstraint('identities_provider_subject_unique', ['provider', 'subject']),
        dialect,
      ).execute();
      await db.schema
        .createIndex('identities_user_idx')
        .on('identities')
        .column('user_id')
        .execute();
    },
  };
}
