import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Storage } from '@oneapi/storage';
import type { SourceKind } from '../../cli/import-one-api/channel-types';

/*
 * A One API- or new-api-shaped database for the import tests, created as GORM's
 * AutoMigrate lays the models out: snake_case columns of model/{user,token,channel,
 * ability,redemption,option,log}.go, booleans as 0/1, times in seconds. Rows come from
 * `source-rows.ts`.
 */

type ColumnType = Parameters<ReturnType<Storage['db']['schema']['createTable']>['addColumn']>[1];
type Column = [name: string, type: ColumnType, unique?: 'unique'];

// The slice of Kysely that writes rows into tables our typed schema does not know.
interface RowWriter {
  insertInto(table: string): { values(rows: object[]): { execute(): Promise<unknown> } };
}

const id: Column = ['id', 'integer'];

const ONE_API_TABLES: Record<string, Column[]> = {
  users: [
    id,
    ['username', 'varchar(191)', 'unique'],
    ['password', 'text'],
    ['display_name', 'varchar(191)'],
    ['role', 'integer'],
    ['status', 'integer'],
    ['email', 'varchar(191)'],
    ['github_id', 'varchar(191)'],
    ['wechat_id', 'varchar(191)'],
    ['access_token', 'char(32)', 'unique'],
    ['quota', 'bigint'],
    ['used_quota', 'bigint'],
    ['request_count', 'integer'],
    ['group', 'varchar(32)'],
    ['aff_code', 'varchar(32)', 'unique'],
    ['inviter_id', 'integer'],
  ],
  tokens: [
    id,
    ['user_id', 'integer'],
    ['key', 'char(48)', 'unique'],
    ['status', 'integer'],
    ['name', 'varchar(191)'],
    ['created_time', 'bigint'],
    ['accessed_time', 'bigint'],
    ['expired_time', 'bigint'],
    ['remain_quota', 'bigint'],
    ['unlimited_quota', 'boolean'],
    ['used_quota', 'bigint'],
    ['models', 'text'],
    ['subnet', 'text'],
  ],
  channels: [
    id,
    ['type', 'integer'],
    ['key', 'text'],
    ['status', 'integer'],
    ['name', 'varchar(191)'],
    ['weight', 'integer'],
    ['created_time', 'bigint'],
    ['test_time', 'bigint'],
    ['response_time', 'integer'],
    ['base_url', 'varchar(191)'],
    ['other', 'text'],
    ['balance', 'real'],
    ['balance_updated_time', 'bigint'],
    ['models', 'text'],
    ['group', 'varchar(32)'],
    ['used_quota', 'bigint'],
    ['model_mapping', 'varchar(1024)'],
    ['priority', 'bigint'],
    ['config', 'text'],
    ['system_prompt', 'text'],
  ],
  abilities: [
    ['group', 'varchar(32)'],
    ['model', 'varchar(191)'],
    ['channel_id', 'integer'],
    ['enabled', 'boolean'],
    ['priority', 'bigint'],
  ],
  redemptions: [
    id,
    ['user_id', 'integer'],
    ['key', 'char(32)', 'unique'],
    ['status', 'integer'],
    ['name', 'varchar(191)'],
    ['quota', 'bigint'],
    ['created_time', 'bigint'],
    ['redeemed_time', 'bigint'],
  ],
  options: [
    ['key', 'varchar(191)', 'unique'],
    ['value', 'text'],
  ],
  logs: [
    id,
    ['user_id', 'integer'],
    ['created_at', 'bigint'],
    ['type', 'integer'],
    ['content', 'text'],
    ['username', 'varchar(191)'],
    ['token_name', 'varchar(191)'],
    ['model_name', 'varchar(191)'],
    ['quota', 'integer'],
    ['prompt_tokens', 'integer'],
    ['completion_tokens', 'integer'],
    ['channel_id', 'integer'],
    ['request_id', 'varchar(191)'],
    ['elapsed_time', 'bigint'],
    ['is_stream', 'boolean'],
  ],
};

const without = (columns: Column[], ...names: string[]) =>
  columns.filter(([name]) => !names.includes(name));

/** new-api's tables: One API's with its additions (and its soft deletes). */
const NEW_API_TABLES: Record<string, Column[]> = {
  ...ONE_API_TABLES,
  users: [...ONE_API_TABLES.users!, ['aff_count', 'integer'], ['deleted_at', 'datetime']],
  tokens: [
    ...without(ONE_API_TABLES.tokens!, 'key', 'models', 'subnet'),
    ['key', 'varchar(128)', 'unique'],
    ['model_limits_enabled', 'boolean'],
    ['model_limits', 'text'],
    ['allow_ips', 'text'],
    ['group', 'varchar(64)'],
    ['deleted_at', 'datetime'],
  ],
  channels: [
    ...without(ONE_API_TABLES.channels!, 'config', 'system_prompt'),
    ['test_model', 'varchar(191)'],
    ['auto_ban', 'integer'],
    ['tag', 'varchar(191)'],
    ['param_override', 'text'],
    ['channel_info', 'json'],
  ],
  redemptions: [
    ...ONE_API_TABLES.redemptions!,
    ['used_user_id', 'integer'],
    ['expired_time', 'bigint'],
    ['deleted_at', 'datetime'],
  ],
  logs: [
    ...without(ONE_API_TABLES.logs!, 'request_id', 'elapsed_time'),
    ['token_id', 'integer'],
    ['use_time', 'integer'],
    ['ip', 'varchar(191)'],
  ],
  midjourneys: [id, ['mj_id', 'varchar(191)']],
};

export interface SourceFixture {
  /** What `--from` takes for it. */
  readonly from: string;
  dispose(): Promise<void>;
}

/**
 * Creates the source and fills it with `rows` (table -> rows, snake_case columns). On
 * MySQL the database is a throwaway one on the server of `adminDsn`.
 */
export async function createSourceDatabase(
  kind: SourceKind,
  rows: Record<string, object[]>,
  adminDsn?: string,
): Promise<SourceFixture> {
  if (adminDsn) return createMysqlSource(kind, rows, adminDsn);
  const directory = mkdtempSync(join(tmpdir(), 'one-api-source-'));
  const path = join(directory, 'one-api.db');
  const storage = await createStorage({ sqlitePath: path });
  await fill(storage, kind, rows).finally(() => storage.close());
  return { from: path, dispose: async () => rmSync(directory, { recursive: true, force: true }) };
}

async function createMysqlSource(
  kind: SourceKind,
  rows: Record<string, object[]>,
  adminDsn: string,
): Promise<SourceFixture> {
  const admin = await createStorage({ dsn: adminDsn, poolSize: 1 });
  const name = `one_api_source_${randomBytes(6).toString('hex')}`;
  // CREATE SCHEMA is CREATE DATABASE on MySQL and MariaDB.
  await admin.db.schema.createSchema(name).execute();
  const url = new URL(adminDsn);
  url.pathname = `/${name}`;
  const dispose = async () => {
    await admin.db.schema.dropSchema(name).ifExists().execute();
    await admin.close();
  };
  const storage = await createStorage({ dsn: url.toString(), poolSize: 1 });
  try {
    await fill(storage, kind, rows);
  } catch (error) {
    await dispose();
    throw error;
  } finally {
    await storage.close();
  }
  return { from: url.toString(), dispose };
}

async function fill(storage: Storage, kind: SourceKind, rows: Record<string, object[]>) {
  const tables = kind === 'new-api' ? NEW_API_TABLES : ONE_API_TABLES;
  for (const [table, columns] of Object.entries(tables)) {
    let builder = storage.db.schema.createTable(table);
    for (const [name, type, unique] of columns) {
      builder = builder.addColumn(name, type, (column) => {
        const typed = name === 'id' ? column.primaryKey().autoIncrement() : column;
        return unique ? typed.unique() : typed;
      });
    }
    await builder.execute();
  }
  const writer = storage.db as unknown as RowWriter;
  for (const [table, tableRows] of Object.entries(rows)) {
    // One statement for all rows needs the same columns in each: a missing one is NULL.
    const names = new Set(tableRows.flatMap((row) => Object.keys(row)));
    const filled = tableRows.map((row) => ({
      ...Object.fromEntries([...names].map((name) => [name, null])),
      ...row,
    }));
    if (filled.length > 0) await writer.insertInto(table).values(filled).execute();
  }
}
