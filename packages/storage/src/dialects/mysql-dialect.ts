import { MysqlDialect } from 'kysely';
import type { DatabaseTarget } from '../dsn';
import { loadDriver } from './load-driver';

type MysqlTarget = Extract<DatabaseTarget, { dialect: 'mysql' }>;

export async function createMysqlDialect(
  target: MysqlTarget,
  poolSize: number,
): Promise<MysqlDialect> {
  const { createPool } = await loadDriver('mysql2', 'MySQL/MariaDB', () => import('mysql2'));
  const pool = createPool({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ssl: target.ssl ? {} : undefined,
    connectionLimit: poolSize,
    charset: 'utf8mb4',
    timezone: 'Z',
    // BIGINT and SUM() (DECIMAL) come back as numbers; values past 2^53 arrive as strings
    // and are refused by readInteger instead of silently losing precision.
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
  });
  return new MysqlDialect({ pool });
}
