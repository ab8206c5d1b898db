import { StorageError } from './storage-error';

/** The database a DSN names, resolved to one of the three supported dialects. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | {
      readonly dialect: 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
      readonly ssl: boolean;
    }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

export type DialectName = DatabaseTarget['dialect'];

export const DEFAULT_SQLITE_PATH = './data/oneapi.db';

/**
 * Resolves `SQL_DSN` the way One API does: empty means the embedded SQLite file,
 * `postgres://` or `postgresql://` means PostgreSQL, and anything else is MySQL,
 * either as a `mysql://` URL or in Go's `user:pass@tcp(host:port)/db?params` form.
 * `sqlite:<path>` picks SQLite explicitly.
 */
export function parseDatabaseDsn(
  dsn: string | undefined,
  sqlitePath: string = DEFAULT_SQLITE_PATH,
): DatabaseTarget {
  const trimmed = (dsn ?? '').trim();
  if (trimmed === '') return { dialect: 'sqlite', path: sqlitePath };
  if (trimmed.startsWith('sqlite:')) return parseSqliteDsn(trimmed);
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return parsePostgresDsn(trimmed);
  if (/^(mysql|mariadb):\/\//i.test(trimmed)) return parseMysqlUrl(trimmed);
  if (trimmed.includes('@tcp(') || trimmed.includes('@unix(')) return parseGoMysqlDsn(trimmed);
  throw invalidDsn(
    trimmed,
    'expected postgres://, mysql://, sqlite:<path> or user:pass@tcp(host:port)/db',
  );
}

/** Replaces the password in any supported DSN form with `***`, for logs and errors. */
export function maskDsn(dsn: string): string {
  return dsn
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@')
    .replace(/^([^:/@]*:)[^@]*(@(tcp|unix)\()/i, '$1***$2');
}

function parseSqliteDsn(dsn: string): DatabaseTarget {
  const path = dsn.slice('sqlite:'.length).replace(/^\/\//, '');
  if (path === '') throw invalidDsn(dsn, 'sqlite: needs a file path');
  return { dialect: 'sqlite', path };
}

function parsePostgresDsn(dsn: string): DatabaseTarget {
  const url = parseUrl(dsn);
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw invalidDsn(dsn, 'the PostgreSQL DSN has no host');
  }
  if (url.pathname.length <= 1) throw invalidDsn(dsn, 'the PostgreSQL DSN names no database');
  return { dialect: 'postgres', connectionString: dsn };
}

function parseMysqlUrl(dsn: string): DatabaseTarget {
  const url = parseUrl(dsn);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.hostname === '') throw invalidDsn(dsn, 'the MySQL DSN has no host');
  if (database === '') throw invalidDsn(dsn, 'the MySQL DSN names no database');
  return {
    dialect: 'mysql',
    host: url.hostname,
    port: parsePort(dsn, url.port, 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database,
    ssl: isTruthy(url.searchParams.get('ssl') ?? url.searchParams.get('tls')),
  };
}

// Go's go-sql-driver/mysql form, as One API documents it: user:pass@tcp(host:port)/db?params
const GO_MYSQL_DSN = /^([^:@]*)(?::(.*))?@(tcp|unix)\(([^)]*)\)\/([^?]*)(?:\?(.*))?$/;

function parseGoMysqlDsn(dsn: string): DatabaseTarget {
  const match = GO_MYSQL_DSN.exec(dsn);
  if (!match) throw invalidDsn(dsn, 'expected user:pass@tcp(host:port)/db');
  const [, user = '', password = '', protocol, address = '', database = '', query = ''] = match;
  if (protocol === 'unix')
    throw invalidDsn(dsn, 'unix sockets are not supported; use tcp(host:port)');
  if (database === '') throw invalidDsn(dsn, 'the MySQL DSN names no database');
  const [host = '', port = ''] = address.split(':');
  const params = new URLSearchParams(query);
  return {
    dialect: 'mysql',
    host: host === '' ? '127.0.0.1' : host,
    port: parsePort(dsn, port, 3306),
    user: user === '' ? 'root' : user,
    password,
    database,
    ssl: isTruthy(params.get('tls')),
  };
}

function parseUrl(dsn: string): URL {
  try {
    return new URL(dsn);
  } catch (cause) {
    throw invalidDsn(dsn, 'it is not a valid URL', cause);
  }
}

function parsePort(dsn: string, port: string, fallback: number): number {
  if (port === '') return fallback;
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw invalidDsn(dsn, `port ${port} is out of range`);
  }
  return value;
}

function isTruthy(value: string | null): boolean {
  return value !== null && ['1', 'true', 'required', 'skip-verify', 'preferred'].includes(value);
}

function invalidDsn(dsn: string, problem: string, cause?: unknown): StorageError {
  return new StorageError('invalid_dsn', `Invalid SQL_DSN (${maskDsn(dsn)}): ${problem}`, {
    cause,
  });
}
