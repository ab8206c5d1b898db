import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { seaDashboardDir } from './distribution/sea-resources';
import type { TracingConfig } from './tracing/relay-tracer';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** `true` (any case) is on; anything else, or unset, is off. */
const flag = z
  .string()
  .optional()
  .transform((value) => value?.trim().toLowerCase() === 'true');

const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);

/**
 * Environment variables the gateway reads, with One API's names where they exist.
 * docs/configuration.md lists the same table; a test keeps them in step.
 */
export const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SQL_DSN: z.string().default(''),
  SQLITE_PATH: z.string().min(1).default('./data/oneapi.db'),
  KEY_ENCRYPTION_KEY: optionalText,
  INITIAL_ROOT_PASSWORD: optionalText,
  INITIAL_ROOT_ACCESS_TOKEN: optionalText,
  INITIAL_ROOT_TOKEN: optionalText,
  RELAY_TIMEOUT: seconds(300),
  STREAMING_TIMEOUT: seconds(120),
  BODY_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(20),
  HEADERS_TIMEOUT: seconds(20),
  VERTEX_TOKEN_URL: optionalText.refine(
    (value) => value === undefined || /^https?:\/\/\S+$/.test(value),
    'an http(s) URL',
  ),
  REQUEST_TIMEOUT: seconds(120),
  PUBLIC_URL: optionalText.refine(
    (value) => value === undefined || /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(value),
    'an http(s) URL without query or fragment',
  ),
  GITHUB_OAUTH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://github.com'),
  GITHUB_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  MAX_JSON_DEPTH: z.coerce.number().int().min(1).max(10_000).default(64),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  SHUTDOWN_TIMEOUT: seconds(30),
  STALE_RESERVATION_TIMEOUT: seconds(3600),
  DEFAULT_MAX_TOKENS: z.coerce.number().int().min(1).max(1_000_000).default(4096),
  INSTANCE_LEASE_TIMEOUT: seconds(30),
  QUOTA_GRANT_ABOVE: z.coerce.number().int().min(0).default(50),
  DASHBOARD_DIR: optionalText,
  REDIS_CONN_STRING: optionalText,
  REDIS_KEY_PREFIX: z.string().max(64).default('oneapi:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_TOKEN_RPM: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_TOKEN_TPM: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_USER_RPM: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_USER_TPM: z.coerce.number().int().min(1).optional(),
  GLOBAL_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  TOKEN_CONCURRENCY_LIMIT: z.coerce.number().int().min(0).default(64),
  STREAM_HEARTBEAT: z.coerce.number().int().min(0).max(300).default(15),
  CHANNEL_TEST_FREQUENCY: z.coerce.number().int().min(0).max(10_080).default(0),
  // Seconds; fractions allowed (tests use tenths). 0 turns the probes off.
  CHANNEL_PROBE_DELAY: z.coerce.number().min(0).max(86_400).default(60),
  CHANNEL_PROBE_MAX_DELAY: z.coerce.number().min(0.01).max(86_400).default(3600),
  RETRY_TIMES: z.coerce.number().int().min(0).max(10).default(2),
  // One API's; accepted so a migrated setup starts, and explained at start (see the docs).
  LOG_SQL_DSN: optionalText,
  SESSION_SECRET: optionalText,
  LOG_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  // OpenTelemetry's own variable names (opentelemetry.io/docs/specs/otel/protocol/exporter).
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url().optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.pipe(z.url().optional()),
  OTEL_EXPORTER_OTLP_HEADERS: optionalText,
  OTEL_SERVICE_NAME: z.string().trim().min(1).default('oneapi'),
  OTEL_SDK_DISABLED: flag,
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).max(3_600_000).default(5000),
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: flag,
});

export type GatewayConfig = {
  readonly port: number;
  readonly host: string;
  readonly sqlDsn: string;
  readonly sqlitePath: string;
  /** 32 bytes as hex or base64; required with SQL_DSN, generated next to the SQLite file otherwise. */
  readonly keyEncryptionKey: string | undefined;
  readonly initialRoot: {
    readonly password: string | undefined;
    readonly accessToken: string | undefined;
    readonly apiKey: string | undefined;
  };
  /** Whole-request limit for non-stream relay calls, ms. */
  readonly relayTimeoutMs: number;
  /** Longest silence allowed between stream chunks, ms. */
  readonly streamIdleTimeoutMs: number;
  readonly bodyLimitBytes: number;
  /** Longest a client may take to send a request's headers, ms (against slowloris). */
  readonly headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included, ms; not the response. */
  readonly requestTimeoutMs: number;
  /** Deepest `[`/`{` nesting accepted in a JSON body; deeper gets a 400 before parsing. */
  readonly maxJsonDepth: number;
  readonly sessionTtlMs: number;
  /** How long in-flight requests may finish after SIGTERM, ms. */
  readonly shutdownTimeoutMs: number;
  /**
   * Age after which an open quota reservation is taken for a crashed instance's and
   * recovered (settled from its log, else released), ms.
   */
  readonly staleReservationMs: number;
  /**
   * Completion tokens a chat request may produce when its caller sets no max_tokens: sent
   * upstream as the cap and held by the reservation, so the hold bounds the charge.
   */
  readonly defaultMaxTokens: number;
  /**
   * How long an instance's lease lasts without renewal (renewed every third of it), ms: a
   * killed instance's holds are recovered by a survivor or its restart within about 4/3 of it.
   */
  readonly instanceLeaseMs: number;
  /**
   * Holds per second of one key on one instance above which the instance takes quota
   * grants for it (admission in memory); 0: never.
   */
  readonly quotaGrantAbove: number;
  /**
   * The built dashboard; default: the copy inside a single executable or the npm package,
   * else apps/admin/dist next to this gateway in the repository.
   */
  readonly dashboardDir: string | undefined;
  /**
   * The address browsers reach this gateway at (scheme, host, optional path), for the sign-in
   * redirect URIs registered at identity providers; absent: taken from each request.
   */
  readonly publicUrl: string | undefined;
  /** GitHub's web and API addresses for sign-in with GitHub (a test points them elsewhere). */
  readonly github: { readonly oauthBaseUrl: string; readonly apiBaseUrl: string };
  /** Where Vertex AI service-account assertions become tokens; absent: Google's endpoint. */
  readonly vertexTokenUrl: string | undefined;
  /** Redis for limits shared by every instance; absent: per-instance limits. */
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly logLevel: string;
  /** Relay requests one API key may have in flight on this instance; 0: no limit. */
  readonly tokenConcurrencyLimit: number;
  /** Silence after which a stream gets a keep-alive event, ms; 0: never. */
  readonly streamHeartbeatMs: number;
  /** How often one instance re-tests channels health took out, ms; 0: never. */
  readonly channelTestIntervalMs: number;
  /**
   * Probes of retired keys and auto-disabled channels: the first this long after the
   * retirement, ms (0: never), then doubling up to `maxDelayMs`.
   */
  readonly channelProbe: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  /** Further attempts on other keys or channels after a relay attempt fails; 0: none. */
  readonly maxRetries: number;
  /** Logs older than this are deleted by one instance, hourly, ms; 0: kept forever. */
  readonly logRetentionMs: number;
  /** OpenTelemetry trace export; undefined (off) unless an OTLP endpoint is set. */
  readonly tracing: TracingConfig | undefined;
  /** One API settings this gateway does not use, set in the environment: warned about at start. */
  readonly ignoredSettings: readonly string[];
  readonly rateLimits: {
    readonly token: { rpm?: number; tpm?: number };
    readonly user: { rpm?: number; tpm?: number };
    /** Per client IP, per minute, on /api. */
    readonly adminIpRpm: number;
    /** Per client IP, per minute, on sign-in. */
    readonly loginIpRpm: number;
  };
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
  if (values.INITIAL_ROOT_TOKEN && !/^sk-[A-Za-z0-9]{16,}$/.test(values.INITIAL_ROOT_TOKEN)) {
    throw new ConfigError(
      'Invalid configuration:\n  INITIAL_ROOT_TOKEN: must look like sk- followed by 16+ letters or digits',
    );
  }
  // node:http refuses a headers timeout longer than the request timeout; say so by name.
  if (values.HEADERS_TIMEOUT > values.REQUEST_TIMEOUT) {
    throw new ConfigError(
      'Invalid configuration:\n  HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT',
    );
  }
  return {
    port: values.PORT,
    host: values.HOST,
    sqlDsn: values.SQL_DSN,
    sqlitePath: values.SQLITE_PATH,
    keyEncryptionKey: values.KEY_ENCRYPTION_KEY,
    initialRoot: {
      password: values.INITIAL_ROOT_PASSWORD,
      accessToken: values.INITIAL_ROOT_ACCESS_TOKEN,
      apiKey: values.INITIAL_ROOT_TOKEN,
    },
    relayTimeoutMs: values.RELAY_TIMEOUT * 1000,
    streamIdleTimeoutMs: values.STREAMING_TIMEOUT * 1000,
    bodyLimitBytes: values.BODY_LIMIT_MB * 1024 * 1024,
    headersTimeoutMs: values.HEADERS_TIMEOUT * 1000,
    requestTimeoutMs: values.REQUEST_TIMEOUT * 1000,
    maxJsonDepth: values.MAX_JSON_DEPTH,
    sessionTtlMs: values.SESSION_TTL_HOURS * 3_600_000,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT * 1000,
    staleReservationMs: values.STALE_RESERVATION_TIMEOUT * 1000,
    defaultMaxTokens: values.DEFAULT_MAX_TOKENS,
    instanceLeaseMs: values.INSTANCE_LEASE_TIMEOUT * 1000,
    quotaGrantAbove: values.QUOTA_GRANT_ABOVE,
    dashboardDir: values.DASHBOARD_DIR ?? defaultDashboardDir(),
    vertexTokenUrl: values.VERTEX_TOKEN_URL,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    github: { oauthBaseUrl: values.GITHUB_OAUTH_BASE_URL, apiBaseUrl: values.GITHUB_API_BASE_URL },
    redisUrl: values.REDIS_CONN_STRING,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    logLevel: values.LOG_LEVEL,
    tokenConcurrencyLimit: values.TOKEN_CONCURRENCY_LIMIT,
    streamHeartbeatMs: values.STREAM_HEARTBEAT * 1000,
    channelTestIntervalMs: values.CHANNEL_TEST_FREQUENCY * 60_000,
    channelProbe: {
      initialDelayMs: Math.round(values.CHANNEL_PROBE_DELAY * 1000),
      maxDelayMs: Math.round(values.CHANNEL_PROBE_MAX_DELAY * 1000),
    },
    maxRetries: values.RETRY_TIMES,
    logRetentionMs: values.LOG_RETENTION_DAYS * 86_400_000,
    tracing: tracingConfigOf(values),
    ignoredSettings: (['LOG_SQL_DSN', 'SESSION_SECRET'] as const).filter((name) => values[name]),
    rateLimits: {
      token: definedOnly({ rpm: values.RATE_LIMIT_TOKEN_RPM, tpm: values.RATE_LIMIT_TOKEN_TPM }),
      user: definedOnly({ rpm: values.RATE_LIMIT_USER_RPM, tpm: values.RATE_LIMIT_USER_TPM }),
      adminIpRpm: values.GLOBAL_API_RATE_LIMIT,
      loginIpRpm: values.LOGIN_RATE_LIMIT,
    },
  };
}

/**
 * The dashboard shipped with this gateway. Both paths are relative to this module, which sits
 * one level below the package root in src/ and, bundled, in dist/.
 */
function defaultDashboardDir(): string {
  // In the npm package: copied in by `prepack` (scripts/copy-dashboard.mjs).
  const packaged = fileURLToPath(new URL('../dashboard', import.meta.url));
  const inRepository = fileURLToPath(new URL('../../admin/dist', import.meta.url));
  return seaDashboardDir() ?? (existsSync(`${packaged}/index.html`) ? packaged : inRepository);
}

/**
 * Traces go to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or to `/v1/traces` under
 * OTEL_EXPORTER_OTLP_ENDPOINT, as the OTLP exporter specification says.
 */
function tracingConfigOf(values: z.infer<typeof environmentSchema>): TracingConfig | undefined {
  const base = values.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl =
    values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  if (tracesUrl === undefined || values.OTEL_SDK_DISABLED) return undefined;
  return {
    tracesUrl,
    headers: parseOtlpHeaders(values.OTEL_EXPORTER_OTLP_HEADERS ?? ''),
    serviceName: values.OTEL_SERVICE_NAME,
    exportDelayMs: values.OTEL_BSP_SCHEDULE_DELAY,
    captureContent: values.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT,
  };
}

/** `key1=value1,key2=value2`, values URL-encoded (the W3C Baggage form the spec uses). */
function parseOtlpHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError(
        'Invalid configuration:\n  OTEL_EXPORTER_OTLP_HEADERS: a value is not valid URL encoding',
      );
    }
  }
  return headers;
}

function definedOnly(limits: { rpm: number | undefined; tpm: number | undefined }) {
  return {
    ...(limits.rpm !== undefined && { rpm: limits.rpm }),
    ...(limits.tpm !== undefined && { tpm: limits.tpm }),
  };
}
