import { type ColumnDefinitionBuilder, type CreateTableBuilder, sql } from 'kysely';
import type { DialectName } from '../dsn';

/*
 * The few places where the three dialects need different DDL. Migrations use these
 * helpers and otherwise stay portable.
 */

/** An auto-incrementing BIGINT primary key named `id`. */
export function addIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  switch (dialect) {
    case 'sqlite':
      // INTEGER PRIMARY KEY is SQLite's rowid alias; AUTOINCREMENT stops id reuse after deletes.
      return table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    case 'mysql':
      return table.addColumn('id', 'bigint', (c) => c.primaryKey().autoIncrement());
    case 'postgres':
      return table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
  }
}

type ColumnType = Parameters<CreateTableBuilder<string, never>['addColumn']>[1];

/** Text that may outgrow MySQL's 64 KiB TEXT (channel key lists, request content). */
export function longText(dialect: DialectName): ColumnType {
  return dialect === 'mysql' ? sql`mediumtext` : 'text';
}

/** MySQL tables get an explicit engine and charset so emoji and CJK names store intact. */
export function tableOptions<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectName,
): CreateTableBuilder<T, C> {
  return dialect === 'mysql'
    ? table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`)
    : table;
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
export const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
