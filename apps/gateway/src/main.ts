import { createProcessIo } from './cli/cli-io';
import { runCli } from './cli/run-cli';

// The `oneapi` binary. Without a command it starts the server, as it always has.
runCli(process.argv.slice(2), createProcessIo()).then(
  (exitCode) => {
    // exitCode rather than exit(), so nothing still pending (output, a closing pool) is cut short.
    if (exitCode !== undefined) process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(`oneapi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
