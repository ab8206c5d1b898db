import { z } from 'zod';

/** Environment variables the gateway reads, with One API's names where they exist. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SQL_DSN: z.string().default(''),
  SQLITE_PATH: z.string().min(1).default('./data/oneapi.db'),
});

export type GatewayConfig = {
  readonly port: number;
  readonly host: string;
  readonly sqlDsn: string;
  readonly sqlitePath: string;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration; the message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    sqlDsn: values.SQL_DSN,
    sqlitePath: values.SQLITE_PATH,
  };
}
