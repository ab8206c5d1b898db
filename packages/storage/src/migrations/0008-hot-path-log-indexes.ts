import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../dsn';

/*
 * The log's type and status indexes hold only the rows a filter on them looks for: every
 * relayed request writes a `consume` row with status 200, and a filter on type `consume` or
 * status 200 matches most rows, which the (created_at) index serves newest first as well.
 * Two index inserts fewer per request. SQLite only: MySQL and MariaDB have no partial
 * indexes, and PostgreSQL's planner, given a filter on type `consume` or status 200 and no
 * whole index for it, read and sorted the matching rows (50 ms for a page at 200,000 rows,
 * against 0.9 with the whole index) instead of walking the time index.
 * Frozen once released: later schema changes are new migrations, never edits here.
 */
export function createHotPathLogIndexesMigration(dialect: DialectName): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
    async up(db: Kysely<any>) {
      if (dialect !== 'sqlite') return;
      await db.schema.dropIndex('logs_type_created_idx').execute();
      await db.schema
        .createIndex('logs_type_created_idx')
        .on('logs')
        .columns(['type', 'created_at'])
        .where(sql.ref('type'), '<>', sql.lit('consume'))
        .execute();
      await db.schema.dropIndex('logs_status_created_idx').execute();
      await db.schema
        .createIndex('logs_status_created_idx')
        .on('logs')
        .columns(['status', 'created_at'])
        .where(sql.ref('status'), '<>', sql.lit(200))
        .execute();
    },
  };
}
