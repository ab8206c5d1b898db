import { MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { DatabaseTarget } from '../dsn';

type MysqlTarget = Extract<DatabaseTarget, { dialect: 'mysql' }>;

export function createMysqlDialect(target: MysqlTarget, poolSize: number): MysqlDialect {
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
