import { createServer } from 'node:net';
import type { LogEntry } from '@oneapi/storage';
import type { Dispatcher } from 'undici';
import { expect } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../create-test-gateway';
import type { FaultUpstream } from './fault-upstream';

/** Shared setup of the upstream fault suites: one SQLite gateway, root's key, channels. */

export const ROOT = { authorization: 'Bearer root-access-token' };
export const ROOT_API_KEY = 'sk-rootfaultmatrix0123456789';
/** Root's balance at the start of each suite. */
export const START_QUOTA = 10_000_000;

/** A gateway on a fresh SQLite file, root credited with START_QUOTA. */
export async function startFaultGateway(env: NodeJS.ProcessEnv = {}): Promise<TestGateway> {
  const gateway = await createTestGateway({
    INITIAL_ROOT_PASSWORD: 'root-password',
    INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    INITIAL_ROOT_TOKEN: ROOT_API_KEY,
    GLOBAL_API_RATE_LIMIT: '100000',
    ...env,
  });
  await gateway.listen();
  const topUp = await fetch(
    `${gateway.url}/api/users/1/quota`,
    jsonRequest(
      'POST',
      { amount: START_QUOTA, idempotencyKey: 'fault-matrix-credit', reason: 'test' },
      ROOT,
    ),
  );
  expect(topUp.status).toBe(201);
  return gateway;
}

/** Root adds an OpenAI channel for gpt-4o at `baseUrl` (a 127.0.0.1 address, so allowed). */
export async function addChannel(
  gateway: TestGateway,
  channel: { name: string; baseUrl: string; priority?: number; key?: string },
): Promise<number> {
  const response = await fetch(
    `${gateway.url}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: channel.name,
        key: channel.key ?? `sk-${channel.name}`,
        baseUrl: channel.baseUrl,
        priority: channel.priority ?? 0,
        allowPrivateNetwork: true,
        models: ['gpt-4o'],
      },
      ROOT,
    ),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

export const channelUrl = (upstream: FaultUpstream) => `${upstream.url}/v1`;

/** A base URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

/** A chat with root's API key; `requestId` tags it so its log row can be found. */
export function chat(
  gateway: TestGateway,
  options: { stream: boolean; signal?: AbortSignal; dispatcher?: Dispatcher },
): Promise<Response> {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    ...jsonRequest(
      'POST',
      {
        model: 'gpt-4o',
        stream: options.stream,
        ...(options.stream && { stream_options: { include_usage: true } }),
        messages: [{ role: 'user', content: 'Say hello in five words.' }],
      },
      { authorization: `Bearer ${ROOT_API_KEY}` },
    ),
    ...(options.signal && { signal: options.signal }),
    ...(options.dispatcher && { dispatcher: options.dispatcher }),
  } as RequestInit);
}

/** The SSE frames of a stream's body, `data: ` stripped. */
export function dataFrames(text: string): string[] {
  return text
    .split('\n\n')
    .map((frame) => frame.trim())
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice('data: '.length));
}

/** Every log row of root, newest first, once settlement (which may trail a stream) is done. */
export async function rootLogs(gateway: TestGateway, count: number): Promise<LogEntry[]> {
  const { logs } = gateway.services.storage.repositories;
  const deadline = Date.now() + 5_000;
  for (;;) {
    const page = await logs.list({ userId: 1, limit: 500 });
    const relayed = page.items.filter((row) => row.type === 'consume' || row.type === 'error');
    if (relayed.length >= count || Date.now() > deadline) return relayed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function rootQuota(gateway: TestGateway): Promise<number> {
  return (await gateway.services.storage.repositories.users.findById(1))!.quota;
}

/** Polls until `condition` holds; resolves with the time it took, ms (or throws past `withinMs`). */
export async function waitFor(condition: () => boolean, withinMs: number): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}
