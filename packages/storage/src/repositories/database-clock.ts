import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../dsn';

/**
 * The database server's time, epoch milliseconds, as an SQL expression. Instance leases are
 * written and judged on this one clock, so gateways whose clocks disagree still agree on
 * whose lease has lapsed. (SQLite's is the host's: a SQLite deployment is one host.)
 */
export function databaseNowMs(dialect: DialectName): RawBuilder<number> {
  switch (dialect) {
    case 'sqlite':
      return sql<number>`cast((julianday('now') - 2440587.5) * 86400000 as integer)`;
    case 'mysql':
      return sql<number>`cast(unix_timestamp(now(3)) * 1000 as signed)`;
    case 'postgres':
      // clock_timestamp(), not now(): now() stands still for a whole transaction.
      return sql<number>`cast(extract(epoch from clock_timestamp()) * 1000 as bigint)`;
  }
}
