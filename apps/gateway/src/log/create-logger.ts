import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * JSON logs (pino) with request ids. Whatever a log line is given, these paths are masked:
 * callers' keys and cookies in headers, and any field named like a key or secret.
 */
const REDACTED_PATHS = [
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.apiKey',
  '*.key',
  '*.keys',
  '*.password',
  '*.accessToken',
];

export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'oneapi' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}
