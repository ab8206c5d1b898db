import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { jsonRequest } from '../create-test-gateway';

/** The built CLI, as an operator starts it; the process suites skip without it. */
export const MAIN = new URL('../../../dist/main.js', import.meta.url);
export const MAIN_MISSING = existsSync(MAIN) ? undefined : 'dist/main.js is not built';

export const ROOT_ACCESS_TOKEN = 'root-access-token';
export const ROOT = { authorization: `Bearer ${ROOT_ACCESS_TOKEN}` };
export const ROOT_API_KEY = 'sk-rootprocess0123456789';

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Milliseconds from spawn to "listening". */
  readonly startMs: number;
}

/**
 * Starts `dist/main.js` on 127.0.0.1 with a random port and root's credentials, and waits for
 * "listening". `env` adds to (and overrides) those settings; the test process's own
 * environment is passed on too, as a shell would.
 */
export async function startGatewayProcess(env: NodeJS.ProcessEnv): Promise<GatewayProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN.pathname], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INITIAL_ROOT_ACCESS_TOKEN: ROOT_ACCESS_TOKEN,
      INITIAL_ROOT_TOKEN: ROOT_API_KEY,
      GLOBAL_API_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = /listening on http:\/\/localhost:(\d+)/;
  const deadline = Date.now() + 20_000;
  while (!listening.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`The gateway did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    child,
    base: `http://127.0.0.1:${listening.exec(output)![1]}`,
    output: () => output,
    exited,
    startMs: Date.now() - started,
  };
}

/** Root adds an OpenAI channel for `models` at `baseUrl` (127.0.0.1, so allowed explicitly). */
export async function addProcessChannel(
  base: string,
  baseUrl: string,
  models: readonly string[] = ['gpt-4o'],
): Promise<number> {
  const response = await fetch(
    `${base}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: 'slow',
        key: 'sk-upstream',
        baseUrl,
        allowPrivateNetwork: true,
        models,
      },
      ROOT,
    ),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Root's balance raised by `amount` once. */
export async function creditRoot(base: string, amount: number): Promise<void> {
  const response = await fetch(
    `${base}/api/users/1/quota`,
    jsonRequest('POST', { amount, idempotencyKey: `credit-${amount}`, reason: 'test' }, ROOT),
  );
  expect(response.status).toBe(201);
}

/** A streamed chat with root's key; the response, not yet read. */
export function startStream(base: string, model = 'gpt-4o'): Promise<Response> {
  return fetch(
    `${base}/v1/chat/completions`,
    jsonRequest(
      'POST',
      {
        model,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hello' }],
      },
      { authorization: `Bearer ${ROOT_API_KEY}` },
    ),
  );
}

/** Reads a response body to its end; an error (a cut connection) ends it too. */
export async function readAll(response: Response): Promise<{ text: string; cut: boolean }> {
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body!) text += decoder.decode(chunk, { stream: true });
    return { text, cut: false };
  } catch {
    return { text, cut: true };
  }
}

/** Starts `dist/main.js` expecting it to refuse: its exit code, output and time to exit. */
export async function runGatewayToExit(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN.pathname], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // A gateway that starts after all is stopped, and the test sees exit code 0 and "listening".
  const watchdog = setTimeout(() => child.kill('SIGTERM'), 15_000);
  // 'close', not 'exit': by then the output has been read to its end.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(watchdog);
  return { code, output, ms: Date.now() - started };
}
