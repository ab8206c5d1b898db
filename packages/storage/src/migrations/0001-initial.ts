import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dsn';
import { addIdColumn, longText, notNull, tableOptions, zero } from './column-types';

// Frozen once released: later schema changes are new migrations, never edits here.
export function createInitialMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      const table = (name: string) => db.schema.createTable(name);
      const text = longText(dialect);

      await tableOptions(
        addIdColumn(table('users'), dialect)
          .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('password_hash', 'varchar(255)')
          .addColumn('display_name', 'varchar(128)', notNull)
          .addColumn('role', 'varchar(16)', notNull)
          .addColumn('status', 'varchar(16)', notNull)
          .addColumn('email', 'varchar(255)')
          .addColumn('group_name', 'varchar(64)', notNull)
          .addColumn('quota', 'bigint', zero)
          .addColumn('used_quota', 'bigint', zero)
          .addColumn('request_count', 'bigint', zero)
          .addColumn('access_token_hash', 'varchar(64)', (c) => c.unique())
          .addColumn('invite_code', 'varchar(32)', (c) => c.unique())
          .addColumn('inviter_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('updated_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema.createIndex('users_email_idx').on('users').column('email').execute();
      await db.schema.createIndex('users_inviter_idx').on('users').column('inviter_id').execute();
      await db.schema
        .createIndex('users_group_status_idx')
        .on('users')
        .columns(['group_name', 'status'])
        .execute();

      await tableOptions(
        addIdColumn(table('tokens'), dialect)
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('name', 'varchar(128)', notNull)
          .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('key_prefix', 'varchar(16)', notNull)
          .addColumn('status', 'varchar(16)', notNull)
          .addColumn('expires_at', 'bigint')
          .addColumn('remain_quota', 'bigint', zero)
          .addColumn('unlimited_quota', 'smallint', zero)
          .addColumn('used_quota', 'bigint', zero)
          .addColumn('allowed_models', 'text')
          .addColumn('allowed_ips', 'text')
          .addColumn('group_name', 'varchar(64)')
          .addColumn('last_used_at', 'bigint')
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('updated_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('tokens_user_status_idx')
        .on('tokens')
        .columns(['user_id', 'status'])
        .execute();
      await db.schema.createIndex('tokens_name_idx').on('tokens').column('name').execute();

      await tableOptions(
        addIdColumn(table('channels'), dialect)
          .addColumn('type', 'varchar(32)', notNull)
          .addColumn('name', 'varchar(128)', notNull)
          .addColumn('key_ciphertext', text, notNull)
          .addColumn('base_url', 'varchar(512)')
          .addColumn('models', 'text', notNull)
          .addColumn('model_mapping', 'text')
          .addColumn('groups', 'text', notNull)
          .addColumn('priority', 'bigint', zero)
          .addColumn('weight', 'integer', zero)
          .addColumn('status', 'varchar(24)', notNull)
          .addColumn('status_reason', 'varchar(512)')
          .addColumn('status_changed_at', 'bigint')
          .addColumn('config', 'text')
          .addColumn('test_model', 'varchar(191)')
          .addColumn('tested_at', 'bigint')
          .addColumn('test_latency_ms', 'integer')
          .addColumn('balance_micro_usd', 'bigint')
          .addColumn('balance_updated_at', 'bigint')
          .addColumn('used_quota', 'bigint', zero)
          .addColumn('tag', 'varchar(64)')
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('updated_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema.createIndex('channels_status_idx').on('channels').column('status').execute();
      await db.schema.createIndex('channels_type_idx').on('channels').column('type').execute();
      await db.schema.createIndex('channels_tag_idx').on('channels').column('tag').execute();
      await db.schema.createIndex('channels_name_idx').on('channels').column('name').execute();

      await tableOptions(
        table('abilities')
          .addColumn('group_name', 'varchar(64)', notNull)
          .addColumn('model', 'varchar(191)', notNull)
          .addColumn('channel_id', 'bigint', (c) =>
            c.notNull().references('channels.id').onDelete('cascade'),
          )
          .addColumn('enabled', 'smallint', notNull)
          .addColumn('priority', 'bigint', zero)
          .addColumn('weight', 'integer', zero)
          .addPrimaryKeyConstraint('abilities_pk', ['group_name', 'model', 'channel_id']),
        dialect,
      ).execute();
      await db.schema
        .createIndex('abilities_channel_idx')
        .on('abilities')
        .column('channel_id')
        .execute();

      await tableOptions(
        addIdColumn(table('redemption_codes'), dialect)
          .addColumn('name', 'varchar(128)', notNull)
          .addColumn('code_hash', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('quota', 'bigint', notNull)
          .addColumn('status', 'varchar(16)', notNull)
          .addColumn('expires_at', 'bigint')
          .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('redeemed_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('redeemed_at', 'bigint')
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      for (const column of ['name', 'status', 'created_by', 'redeemed_by']) {
        await db.schema
          .createIndex(`redemption_codes_${column}_idx`)
          .on('redemption_codes')
          .column(column)
          .execute();
      }

      await tableOptions(
        addIdColumn(table('quota_reservations'), dialect)
          .addColumn('request_id', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('token_id', 'bigint', (c) => c.references('tokens.id').onDelete('set null'))
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('amount', 'bigint', notNull)
          .addColumn('charged', 'bigint')
          .addColumn('state', 'varchar(16)', notNull)
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('resolved_at', 'bigint'),
        dialect,
      ).execute();
      await db.schema
        .createIndex('quota_reservations_state_created_idx')
        .on('quota_reservations')
        .columns(['state', 'created_at'])
        .execute();
      await db.schema
        .createIndex('quota_reservations_user_idx')
        .on('quota_reservations')
        .column('user_id')
        .execute();
      await db.schema
        .createIndex('quota_reservations_token_idx')
        .on('quota_reservations')
        .column('token_id')
        .execute();

      await tableOptions(
        addIdColumn(table('quota_adjustments'), dialect)
          .addColumn('idempotency_key', 'varchar(128)', (c) => c.notNull().unique())
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('amount', 'bigint', notNull)
          .addColumn('reason', 'varchar(512)', notNull)
          .addColumn('actor_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema
        .createIndex('quota_adjustments_user_idx')
        .on('quota_adjustments')
        .column('user_id')
        .execute();
      await db.schema
        .createIndex('quota_adjustments_actor_idx')
        .on('quota_adjustments')
        .column('actor_id')
        .execute();

      // Logs outlive the users, tokens and channels they mention: plain ids, no foreign keys,
      // so deleting a token never rewrites or blocks on millions of log rows.
      await tableOptions(
        addIdColumn(table('logs'), dialect)
          .addColumn('created_at', 'bigint', notNull)
          .addColumn('type', 'varchar(16)', notNull)
          .addColumn('user_id', 'bigint')
          .addColumn('token_id', 'bigint')
          .addColumn('channel_id', 'bigint')
          .addColumn('model', 'varchar(191)')
          .addColumn('upstream_model', 'varchar(191)')
          .addColumn('prompt_tokens', 'bigint', zero)
          .addColumn('completion_tokens', 'bigint', zero)
          .addColumn('cached_tokens', 'bigint', zero)
          .addColumn('usage_estimated', 'smallint', zero)
          .addColumn('quota', 'bigint', zero)
          .addColumn('request_id', 'varchar(64)')
          .addColumn('elapsed_ms', 'integer')
          .addColumn('first_token_ms', 'integer')
          .addColumn('is_stream', 'smallint', zero)
          .addColumn('status', 'integer')
          .addColumn('attempts', 'text')
          .addColumn('client_ip', 'varchar(64)')
          .addColumn('content', text),
        dialect,
      ).execute();
      const logIndexes: Array<[string, string[]]> = [
        ['logs_created_idx', ['created_at']],
        ['logs_user_created_idx', ['user_id', 'created_at']],
        ['logs_token_created_idx', ['token_id', 'created_at']],
        ['logs_channel_created_idx', ['channel_id', 'created_at']],
        ['logs_model_created_idx', ['model', 'created_at']],
        ['logs_type_created_idx', ['type', 'created_at']],
        ['logs_status_created_idx', ['status', 'created_at']],
        ['logs_request_idx', ['request_id']],
      ];
      for (const [name, columns] of logIndexes) {
        await db.schema.createIndex(name).on('logs').columns(columns).execute();
      }

      await tableOptions(
        table('usage_hourly')
          .addColumn('hour', 'bigint', notNull)
          .addColumn('user_id', 'bigint', notNull)
          .addColumn('token_id', 'bigint', notNull)
          .addColumn('model', 'varchar(191)', notNull)
          .addColumn('channel_id', 'bigint', notNull)
          .addColumn('requests', 'bigint', zero)
          .addColumn('errors', 'bigint', zero)
          .addColumn('prompt_tokens', 'bigint', zero)
          .addColumn('completion_tokens', 'bigint', zero)
          .addColumn('cached_tokens', 'bigint', zero)
          .addColumn('quota', 'bigint', zero)
          .addPrimaryKeyConstraint('usage_hourly_pk', [
            'hour',
            'user_id',
            'token_id',
            'model',
            'channel_id',
          ]),
        dialect,
      ).execute();
      for (const column of ['user_id', 'token_id', 'model', 'channel_id']) {
        await db.schema
          .createIndex(`usage_hourly_${column}_hour_idx`)
          .on('usage_hourly')
          .columns([column, 'hour'])
          .execute();
      }

      await tableOptions(
        table('options')
          .addColumn('name', 'varchar(128)', (c) => c.primaryKey())
          .addColumn('value', text, notNull)
          .addColumn('updated_at', 'bigint', notNull),
        dialect,
      ).execute();

      await tableOptions(
        table('sessions')
          .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('user_id', 'bigint', (c) =>
            c.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('csrf_token', 'varchar(64)', notNull)
          .addColumn('expires_at', 'bigint', notNull)
          .addColumn('created_at', 'bigint', notNull),
        dialect,
      ).execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema
        .createIndex('sessions_expires_idx')
        .on('sessions')
        .column('expires_at')
        .execute();
    },
  };
}
