/**
 * Where the import tests build their source database: always a SQLite file (One API's
 * default), and a throwaway MySQL database when TEST_MYSQL_DSN names a server the test may
 * create databases on. Without it that suite is skipped, and says why in its title.
 */
export const SOURCE_DIALECTS: ReadonlyArray<{
  readonly dialect: 'sqlite' | 'mysql';
  readonly adminDsn: string | undefined;
  readonly skipReason: string | undefined;
}> = [
  { dialect: 'sqlite', adminDsn: undefined, skipReason: undefined },
  {
    dialect: 'mysql',
    adminDsn: process.env.TEST_MYSQL_DSN || undefined,
    skipReason: process.env.TEST_MYSQL_DSN
      ? undefined
      : 'TEST_MYSQL_DSN is not set (e.g. TEST_MYSQL_DSN=mysql://root@127.0.0.1:3306/test)',
  },
];
