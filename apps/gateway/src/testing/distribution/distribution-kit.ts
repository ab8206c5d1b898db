import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { environmentSchema } from '../../config';

/*
 * Shared by the distribution suites, which check the gateway as people get it: the npm
 * package run with npx, and the single executable. They pack, install and build, which takes
 * minutes, so they run only with TEST_DISTRIBUTION=1 (CI sets it in .ci/run).
 */

export const DISTRIBUTION_ENABLED = process.env.TEST_DISTRIBUTION === '1';

/** A suite title that says why it was skipped. */
export const distributionSuiteTitle = (title: string) =>
  DISTRIBUTION_ENABLED
    ? title
    : `${title} (skipped: set TEST_DISTRIBUTION=1 to pack, install and build it; takes minutes)`;

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const GATEWAY_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** `npx --yes pnpm@<the workspace's version>`, as the README runs it. */
export const PNPM = [
  '--yes',
  (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { packageManager: string })
    .packageManager,
];

/**
 * This process's environment without any gateway setting (a developer's SQL_DSN must not
 * leak into a started gateway), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(environmentSchema.shape)) delete env[name];
  return { ...env, ...extra };
}

/** Runs a command to its end; rejects with its output when it fails or outlives `timeoutMs`. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stdout}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

export interface StartedGateway {
  readonly baseUrl: string;
  /** The one-time setup token printed on first run; empty when none was printed. */
  readonly setupToken: string;
  /** Milliseconds from spawning the process to its first 200 from /healthz. */
  readonly startupMs: number;
  output(): string;
  /**
   * SIGTERM, then resolves once every process of it has exited, with the spawned process's
   * exit code (null when the signal ended it, as it ends npx).
   */
  stop(): Promise<number | null>;
}

/**
 * Spawns a gateway (`oneapi start` in any form), waits for the address it prints (start it
 * with PORT=0 for a free port), then polls /healthz until it answers 200. With
 * `processGroup`, the command runs in a process group of its own that stop() signals as a
 * whole: npx does not pass SIGTERM on to the command it runs.
 */
export async function startGateway(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number; processGroup?: boolean },
): Promise<StartedGateway> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup ?? false,
  });
  const signal = (name: NodeJS.Signals) => {
    if (options.processGroup && child.pid !== undefined) process.kill(-child.pid, name);
    else child.kill(name);
  };
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`no address within ${options.timeoutMs ?? 30_000} ms`)),
      options.timeoutMs ?? 30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      signal('SIGKILL');
      reject(new Error(`${error.message}\n--- gateway output ---\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the gateway exited with ${code}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
  for (;;) {
    const response = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
    if (response?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - started;
  return {
    baseUrl,
    setupToken: /one-time setup token (\S+)/.exec(output)?.[1] ?? '',
    startupMs,
    output: () => output,
    stop: () => stopChild(child, signal),
  };
}

function stopChild(
  child: ChildProcess,
  signal: (name: NodeJS.Signals) => void,
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => signal('SIGKILL'), 20_000);
    // 'close' comes once the output pipes are closed: by every process of the group.
    child.once('close', (code) => {
      clearTimeout(deadline);
      resolve(code);
    });
    signal('SIGTERM');
  });
}

/** One line in the test output, for docs/deployment.md. */
export function reportFigure(line: string): void {
  console.info(`[distribution] ${line}`);
}
