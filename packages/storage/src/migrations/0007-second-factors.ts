import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, notNull, tableOptions, zero } from './column-types';

/*
 * Second factors: a TOTP authenticator with its recovery codes, and passkeys (WebAuthn),
 * plus the short-lived, single-use states of a sign-in between its steps.
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createSecondFactorsMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      // At most one authenticator per user: the row is the user's TOTP enrolment.
      await tableOptions(
        db.schema
          .createTable('totp_factors')
          .addColumn('user_id', 'bigint', (c) =>
            c.primaryKey().references('users.id').onDelete('cascade'),
          )
          // The shared secret, encrypted with the gateway's key-encryption key.
          .addColumn('secret', 'varchar(255)', notNull)
          // null: enrolment started but not yet confirmed with a code; not asked at sign-in.
          .addColumn('confirmed_at', 'bigint')
          // The last 30-second step a code was accepted for: a code is good once.
          .addColumn('last_used_step', 'bigint', zero)
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();

      await tableOptions(
        addIdColumn(db.schema.createTable('recovery_codes'), dialect)
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          // SHA-256 of the code: the codes themselves are shown once, at enrolment.
          .addColumn('code_hash', 'varchar(64)', notNull)
          // null: not used yet; each code signs in once.
          .addColumn('used_at', 'bigint')
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('recovery_codes_user_idx')
        .on('recovery_codes')
        .column('user_id')
        .execute();

      await tableOptions(
        addIdColumn(db.schema.createTable('passkeys'), dialect)
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          // The authenticator's credential id, base64url; what a passwordless sign-in names.
          .addColumn('credential_id', 'varchar(255)', notNull)
          // The COSE public key, base64url.
          .addColumn('public_key', 'text', notNull)
          // The authenticator's signature counter: one that does not grow may be a clone.
          .addColumn('counter', 'bigint', zero)
          // JSON array of transports (`internal`, `usb`, ...), hints for the browser.
          .addColumn('transports', 'varchar(255)')
          .addColumn('name', 'varchar(64)', notNull)
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('last_used_at', 'bigint')
          .addUniqueConstraint('passkeys_credential_id_unique', ['credential_id']),
        dialect,
      ).execute();
      await db.schema.createIndex('passkeys_user_idx').on('passkeys').column('user_id').execute();

      // A sign-in waiting for its second factor, or a WebAuthn challenge waiting for its
      // answer: found by the hash of a random id, taken once, gone at `expires_at`.
      await tableOptions(
        db.schema
          .createTable('sign_in_challenges')
          .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
          // `second_factor`, `passkey_registration` or `passkey_sign_in`.
          .addColumn('purpose', 'varchar(32)', notNull)
          // null: a passwordless sign-in, whose user is not known until the passkey answers.
          .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
          // The WebAuthn challenge (base64url), when there is one.
          .addColumn('challenge', 'varchar(255)')
          // Wrong codes so far against this pending sign-in.
          .addColumn('failures', 'integer', zero)
          .addColumn('expires_at', 'bigint', notNull)
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('sign_in_challenges_expires_idx')
        .on('sign_in_challenges')
        .column('expires_at')
        .execute();
    },
  };
}
