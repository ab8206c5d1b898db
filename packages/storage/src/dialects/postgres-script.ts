import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database } from '../schema';

/**
 * Runs `work` against a Kysely whose statements are written down instead of sent, and
 * returns them with what `work` returned. Every statement answers "no rows, nothing
 * changed", so `work` must only write, and must not branch on what its statements return.
 */
export async function recordPostgresStatements<T>(
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<{ value: T; statements: CompiledQuery[] }> {
  const statements: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      statements.push(compiled);
      return { rows: [] };
    },
    streamQuery() {
      throw new Error('a recorded statement cannot be streamed');
    },
  };
  const driver: Driver = {
    async init() {},
    acquireConnection: async () => connection,
    beginTransaction: () => Promise.reject(new Error('recorded statements are one script')),
    commitTransaction: () => Promise.reject(new Error('recorded statements are one script')),
    rollbackTransaction: () => Promise.reject(new Error('recorded statements are one script')),
    async releaseConnection() {},
    async destroy() {},
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (introspected) => new PostgresIntrospector(introspected),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    // As createStorage's: the same plugin compiles the same SQL.
    plugins: [new CamelCasePlugin()],
  });
  const value = await work(db);
  return { value, statements };
}

/**
 * The statements as one script for PostgreSQL's simple query protocol: one round trip,
 * run in order, each seeing what the ones before it wrote, in one implicit transaction that
 * commits after the last (or rolls back whole at the first error). The simple protocol
 * takes no parameters, so each is written into its statement as a literal.
 */
export function toPostgresScript(statements: readonly CompiledQuery[]): string {
  return statements
    .map((statement) => inlineParameters(statement.sql, statement.parameters))
    .join(';\n');
}

/**
 * `$n` outside quotes replaced by the n-th parameter as a literal. Kysely writes
 * identifiers in double quotes and values as parameters, but a raw fragment may quote a
 * string, so quoted text is copied as it is.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] as string;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, index);
      out += sql.slice(index, end);
      index = end;
      continue;
    }
    if (char === '$') {
      let end = index + 1;
      while (end < sql.length && isDigit(sql.charCodeAt(end))) end++;
      if (end > index + 1) {
        const position = Number(sql.slice(index + 1, end));
        if (position < 1 || position > parameters.length) {
          throw new RangeError(`$${position} has no parameter (${parameters.length} given)`);
        }
        out += postgresLiteral(parameters[position - 1]);
        index = end;
        continue;
      }
    }
    out += char;
    index++;
  }
  return out;
}

/** The index just past the quote that closes the one at `start` (a doubled quote is text). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index++;
  }
  throw new SyntaxError('unterminated quote in a compiled statement');
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * A value as PostgreSQL reads it back: the same value the driver would have sent as a
 * parameter. A negative number is parenthesised, since `- -1` after a minus would start
 * a comment. Strings are quoted with `''`; one with a backslash is an escape string
 * (`E'...'`, backslashes doubled), which reads the same whatever
 * `standard_conforming_strings` is.
 */
export function postgresLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be written as SQL`);
      return value < 0 || Object.is(value, -0) ? `(${value})` : String(value);
    case 'bigint':
      return value < 0n ? `(${value})` : String(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'string': {
      if (value.includes('\0')) throw new TypeError('PostgreSQL text cannot hold a NUL');
      const quoted = value.replaceAll("'", "''");
      return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
    }
    default:
      throw new TypeError(`a ${typeof value} parameter cannot be written into a script`);
  }
}
