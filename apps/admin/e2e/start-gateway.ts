import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built gateway and dashboard, found from this file so the suite runs from any cwd. */
export const GATEWAY_MAIN = fileURLToPath(new URL('../../gateway/dist/main.js', import.meta.url));
export const DASHBOARD_DIR = fileURLToPath(new URL('../dist', import.meta.url));

export interface RunningGateway {
  baseUrl: string;
  setupToken: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Fails with the command to run when a build the suite needs is missing. */
export function assertBuilt(): void {
  if (!existsSync(GATEWAY_MAIN))
    throw new Error(`${GATEWAY_MAIN} is missing; build it first: pnpm turbo run build`);
  if (!existsSync(`${DASHBOARD_DIR}/index.html`))
    throw new Error(`${DASHBOARD_DIR}/index.html is missing; build it first: pnpm turbo run build`);
}

/**
 * Starts the real gateway on a free port with a fresh SQLite file, and waits for the lines
 * it prints on first run: the address and the one-time setup token.
 */
export function startGateway(
  sqlitePath: string,
  /** More variables a suite needs (pointing an endpoint at a local stand-in, say). */
  extraEnv: Record<string, string> = {},
): Promise<RunningGateway> {
  // A clean environment: a developer's SQL_DSN or INITIAL_ROOT_* must not leak in.
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_PATH: sqlitePath,
      DASHBOARD_DIR,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // Generous: on a loaded CI machine (the gateway's suites run alongside) start-up took over 20 s.
    const timer = setTimeout(() => fail(new Error('the gateway did not start in 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- gateway output ---\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      const setupToken = /one-time setup token (\S+)/.exec(output)?.[1];
      if (port && setupToken) {
        clearTimeout(timer);
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          setupToken,
          output: () => output,
          stop: () => stopChild(child),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the gateway exited with code ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
