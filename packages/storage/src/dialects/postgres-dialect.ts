import { PostgresDialect } from 'kysely';
import type pg from 'pg';
import { readInteger } from '../values';
import { loadDriver } from './load-driver';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Kysely's dialect, and a way to send one multi-statement script (postgres-script.ts). */
export interface PostgresConnection {
  readonly dialect: PostgresDialect;
  runScript(script: string): Promise<void>;
}

export async function createPostgresDialect(
  connectionString: string,
  poolSize: number,
): Promise<PostgresConnection> {
  const { default: driver } = await loadDriver('pg', 'PostgreSQL', () => import('pg'));
  // pg returns BIGINT and NUMERIC (what SUM(bigint) yields) as strings; every such column
  // here is a whole number, so read them as safe integers and fail loudly past 2^53.
  const getTypeParser = (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? (value: string) => readInteger(value)
      : driver.types.getTypeParser(oid, format);
  const pool = new driver.Pool({
    connectionString,
    max: poolSize,
    types: { getTypeParser } as pg.CustomTypesConfig,
    // What the scripts' literals are written in (postgres-script.ts), whatever the role's
    // or the database's default.
    client_encoding: 'UTF8',
  });
  return {
    dialect: new PostgresDialect({ pool }),
    // No parameters: pg sends it by the simple query protocol, the only one that takes many
    // statements in one message.
    // Not pool.query, which closes the connection on any error: a deadlock, retried, would
    // cost a reconnect each time. After the server's refusal (a DatabaseError) the implicit
    // transaction has rolled back, and the pool still drops a connection the server closed;
    // after any other error it is let go.
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
        client.release();
      } catch (error) {
        client.release(error instanceof driver.DatabaseError ? undefined : (error as Error));
        throw error;
      }
    },
  };
}
