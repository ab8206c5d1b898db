import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { readInteger } from '../values';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// pg returns BIGINT and NUMERIC (what SUM(bigint) yields) as strings; every such column
// here is a whole number, so read them as safe integers and fail loudly past 2^53.
function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => readInteger(value);
  return pg.types.getTypeParser(oid, format);
}

export function createPostgresDialect(connectionString: string, poolSize: number): PostgresDialect {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    types: { getTypeParser } as pg.CustomTypesConfig,
  });
  return new PostgresDialect({ pool });
}
