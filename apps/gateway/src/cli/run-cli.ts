import { CliError, type CliIo, exitCodeOf } from './cli-io';
import { gatewayVersion } from './version-command';

export const USAGE = `Usage: oneapi [command] [options]

Commands:
  start         Run the gateway (the default when no command is given)
  migrate       Apply pending database migrations, print them and exit
  create-root   Create a root account
                  --username <name>          required
                  --password-stdin           read the password from stdin
                                             (otherwise INITIAL_ROOT_PASSWORD)
                  --generate-access-token    also make an admin API access token, shown once
                                             (otherwise INITIAL_ROOT_ACCESS_TOKEN, if set)
  rotate-key    Re-encrypt every channel's keys (and the SMTP password, webhook secret,
                sign-in client secrets and TOTP secrets) under a new key-encryption key;
                stop every gateway instance first
                  --new-key-stdin            read the new key from stdin
                                             (otherwise NEW_KEY_ENCRYPTION_KEY)
  import-one-api
                Import a One API or new-api database: channels (keys encrypted),
                users, API keys (unchanged for clients), redemption codes, prices
                and settings; safe to run again, it adds only what is missing
                  --from <SQL_DSN or SQLite file>  the source, only read
                                             (otherwise ONE_API_SQL_DSN)
                  --dry-run                  print the plan, write nothing
                  --with-logs                also import the logs
                  --logs-from <SQL_DSN>      the logs' own database (LOG_SQL_DSN)
                  --source-kind <kind>       one-api or new-api (default: detected)
  version       Print the gateway version
  help          Print this text

Environment, read by every command (defaults and meanings: docs/configuration.md):
  server        PORT (3000), HOST (0.0.0.0), DASHBOARD_DIR, LOG_LEVEL (info)
  database      SQL_DSN (empty: SQLite), SQLITE_PATH (./data/oneapi.db),
                KEY_ENCRYPTION_KEY (generated beside the SQLite file)
  first run     INITIAL_ROOT_PASSWORD, INITIAL_ROOT_ACCESS_TOKEN, INITIAL_ROOT_TOKEN
  timeouts (s)  RELAY_TIMEOUT (300), STREAMING_TIMEOUT (120), HEADERS_TIMEOUT (20),
                REQUEST_TIMEOUT (120), SHUTDOWN_TIMEOUT (30), STREAM_HEARTBEAT (15),
                STALE_RESERVATION_TIMEOUT (3600), INSTANCE_LEASE_TIMEOUT (30),
                SESSION_TTL_HOURS (168)
  limits        BODY_LIMIT_MB (20), MAX_JSON_DEPTH (64), TOKEN_CONCURRENCY_LIMIT (64),
                GLOBAL_API_RATE_LIMIT (600), LOGIN_RATE_LIMIT (20),
                RATE_LIMIT_TOKEN_RPM, RATE_LIMIT_TOKEN_TPM,
                RATE_LIMIT_USER_RPM, RATE_LIMIT_USER_TPM
  relay         RETRY_TIMES (2), CHANNEL_TEST_FREQUENCY (0 minutes: off),
                CHANNEL_PROBE_DELAY (60 s), CHANNEL_PROBE_MAX_DELAY (3600 s),
                LOG_RETENTION_DAYS (0: keep), DEFAULT_MAX_TOKENS (4096),
                QUOTA_GRANT_ABOVE (50 holds/s of one key; 0: no grants)
  instances     REDIS_CONN_STRING, REDIS_KEY_PREFIX (oneapi:)
  sign-in       PUBLIC_URL (the redirect URIs' base; default: each request's address),
                GITHUB_OAUTH_BASE_URL (https://github.com),
                GITHUB_API_BASE_URL (https://api.github.com)
  providers     VERTEX_TOKEN_URL (Google's token endpoint)
  tracing       OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
                OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME (oneapi), OTEL_SDK_DISABLED,
                OTEL_BSP_SCHEDULE_DELAY (5000 ms),
                OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT
  One API's     LOG_SQL_DSN, SESSION_SECRET: accepted, not used
  executable    XDG_CACHE_HOME: the single executable unpacks its SQLite addon and
                dashboard into $XDG_CACHE_HOME/oneapi (Linux; default ~/.cache/oneapi)

Exit status: 0 done, 1 failed, 2 wrong usage.`;

/**
 * Runs one command. Resolves with the exit status, or undefined when the command keeps
 * the process running (the server). Commands are loaded on demand, so `version` and
 * `--help` answer without loading the server.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const [command = 'start', ...args] = argv;
  const known = [
    'start',
    'migrate',
    'create-root',
    'rotate-key',
    'import-one-api',
    'version',
    'help',
  ];
  if (known.includes(command) && (args.includes('--help') || args.includes('-h'))) {
    return printUsage(io);
  }
  try {
    switch (command) {
      case 'start':
        if (args.length > 0) throw new CliError('usage', `start takes no options: ${args[0]}`);
        await (await import('./start-command')).startServer(io);
        return undefined;
      case 'migrate':
        if (args.length > 0) throw new CliError('usage', `migrate takes no options: ${args[0]}`);
        return await (await import('./migrate-command')).runMigrate(io);
      case 'create-root':
        return await (await import('./create-root-command')).runCreateRoot(args, io);
      case 'rotate-key':
        return await (await import('./rotate-key-command')).runRotateKey(args, io);
      case 'import-one-api':
        return await (await import('./import-one-api/import-one-api-command')).runImportOneApi(
          args,
          io,
        );
      case 'version':
      case '--version':
      case '-v':
        io.print(gatewayVersion);
        return 0;
      case 'help':
      case '--help':
      case '-h':
        return printUsage(io);
      default:
        io.printError(`oneapi: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

function printUsage(io: CliIo): number {
  io.print(USAGE);
  return 0;
}

function reportFailure(error: unknown, io: CliIo): number {
  const message = error instanceof Error ? error.message : String(error);
  io.printError(`oneapi: ${message}`);
  if (error instanceof CliError) {
    if (error.code === 'usage') io.printError('Run "oneapi --help" for usage.');
    return exitCodeOf(error.code);
  }
  // node:util parseArgs: an unknown option or a missing value is wrong usage too.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    io.printError('Run "oneapi --help" for usage.');
    return 2;
  }
  return 1;
}
