import { describe, expect, it } from 'vitest';
import { maskDsn, parseDatabaseDsn } from './dsn';
import { StorageError } from './storage-error';

describe('parseDatabaseDsn', () => {
  it('uses the SQLite file when the DSN is empty', () => {
    expect(parseDatabaseDsn('')).toEqual({ dialect: 'sqlite', path: './data/oneapi.db' });
    expect(parseDatabaseDsn(undefined, '/srv/oneapi.db')).toEqual({
      dialect: 'sqlite',
      path: '/srv/oneapi.db',
    });
    expect(parseDatabaseDsn('sqlite:///var/lib/x.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/x.db',
    });
  });

  it('recognises both PostgreSQL schemes', () => {
    for (const dsn of [
      'postgres://u:p@db:5432/oneapi',
      'postgresql://u@db/oneapi?sslmode=require',
    ]) {
      expect(parseDatabaseDsn(dsn)).toEqual({ dialect: 'postgres', connectionString: dsn });
    }
  });

  it('parses mysql:// URLs with defaults and percent-encoded passwords', () => {
    expect(parseDatabaseDsn('mysql://oneapi:p%40ss@db.internal/oneapi?ssl=true')).toEqual({
      dialect: 'mysql',
      host: 'db.internal',
      port: 3306,
      user: 'oneapi',
      password: 'p@ss',
      database: 'oneapi',
      ssl: true,
    });
  });

  it("parses One API's Go DSN form", () => {
    expect(
      parseDatabaseDsn('root:secret@tcp(10.0.0.5:3307)/oneapi?charset=utf8mb4&parseTime=True'),
    ).toEqual({
      dialect: 'mysql',
      host: '10.0.0.5',
      port: 3307,
      user: 'root',
      password: 'secret',
      database: 'oneapi',
      ssl: false,
    });
    expect(parseDatabaseDsn('oneapi@tcp(localhost)/db')).toMatchObject({
      host: 'localhost',
      port: 3306,
      password: '',
    });
  });

  it.each([
    ['redis://localhost:6379', 'expected postgres://'],
    ['mysql://u:hunter2@db/', 'names no database'],
    ['postgres://u:hunter2@db', 'names no database'],
    ['u:hunter2@tcp(db:99999)/x', 'port 99999 is out of range'],
    ['u:hunter2@unix(/tmp/mysql.sock)/x', 'unix sockets are not supported'],
  ])('refuses %s with a clear error and the password masked', (dsn, problem) => {
    let thrown: unknown;
    try {
      parseDatabaseDsn(dsn);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StorageError);
    expect((thrown as StorageError).code).toBe('invalid_dsn');
    expect((thrown as Error).message).toContain(problem);
    expect((thrown as Error).message).not.toContain('hunter2');
  });
});

describe('maskDsn', () => {
  it('hides the password in URL and Go forms', () => {
    expect(maskDsn('postgres://u:s3cret@h/db')).toBe('postgres://u:***@h/db');
    expect(maskDsn('u:s3cret@tcp(h:3306)/db')).toBe('u:***@tcp(h:3306)/db');
    expect(maskDsn('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
