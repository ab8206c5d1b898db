import type { LogEntry, Storage } from '@oneapi/storage';
import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { jsonRequest } from '../create-test-gateway';
import type { FaultUpstream } from './fault-upstream';
import { type GatewayInstances, startInstances } from './start-instances';

/** `RELIABILITY_LONG=1` runs the long versions (docs/reliability.md); CI runs the quick ones. */
export const LONG_RUN = process.env.RELIABILITY_LONG === '1';

/** A size for the quick run and one for the long run. */
export const scaled = (quick: number, long: number): number => (LONG_RUN ? long : quick);

/** For a test's own timeout: the long versions take minutes. */
export const TEST_TIMEOUT_MS = scaled(30_000, 600_000);

/** For setup hooks: creating databases and starting instances on a busy box takes seconds. */
export const SETUP_TIMEOUT_MS = 60_000;

/** How long fault upstreams and instances live before closing themselves. */
export const HARNESS_LIFETIME_MS = scaled(120_000, 900_000);

const redisUrl = process.env.TEST_REDIS_URL;

export interface Cluster {
  readonly storage: TestStorage;
  readonly instances: GatewayInstances;
}

/**
 * Declares a suite once per dialect, each on two gateway instances sharing a fresh database
 * (and Redis when TEST_REDIS_URL is set). Skipped dialects say why in one line, in the title.
 */
export function describeOnEachDatabase(
  title: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly count?: number },
  define: (cluster: () => Cluster) => void,
): void {
  const redisNote = redisUrl ? ', with Redis' : ', without Redis (TEST_REDIS_URL is not set)';
  for (const database of listTestDatabases()) {
    const suiteTitle = database.skipReason
      ? `${title} [${database.dialect}] (skipped: ${database.skipReason})`
      : `${title} [${database.dialect}${redisNote}]`;
    describe.skipIf(database.skipReason !== undefined)(suiteTitle, () => {
      let cluster: Cluster | undefined;
      beforeAll(async () => {
        const storage = await database.create();
        const instances = await startInstances({
          storage,
          count: options.count ?? 2,
          redisUrl,
          lifetimeMs: HARNESS_LIFETIME_MS,
          ...(options.env && { env: options.env }),
        });
        cluster = { storage, instances };
      }, SETUP_TIMEOUT_MS);
      afterAll(async () => {
        await cluster?.instances.close();
        await cluster?.storage.dispose();
      }, SETUP_TIMEOUT_MS);
      define(() => {
        if (!cluster) throw new Error('The cluster is not ready');
        return cluster;
      });
    });
  }
}

/** Prints a measured figure where the run's output shows it (docs/reliability.md quotes them). */
export function reportFigure(line: string): void {
  console.info(`[reliability] ${line}`);
}

export const USER_PASSWORD = 'user-password';

/** Root creates a plain user through `base`; returns its id. */
export async function createUser(
  cluster: Cluster,
  username: string,
  base = cluster.instances.urls[0]!,
): Promise<number> {
  const created = await fetch(
    `${base}/api/users`,
    jsonRequest('POST', { username, password: USER_PASSWORD }, cluster.instances.root),
  );
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: number }).id;
}

/** Sets a user's quota to exactly `quota` with one admin adjustment (when it differs). */
export async function setQuota(cluster: Cluster, userId: number, quota: number): Promise<void> {
  const { users } = cluster.storage.repositories;
  const difference = quota - (await users.findById(userId))!.quota;
  if (difference !== 0) {
    const response = await fetch(
      `${cluster.instances.urls[0]}/api/users/${userId}/quota`,
      jsonRequest(
        'POST',
        { amount: difference, idempotencyKey: `set-quota-${userId}-${quota}`, reason: 'test' },
        cluster.instances.root,
      ),
    );
    expect(response.status).toBe(201);
  }
  expect((await users.findById(userId))!.quota).toBe(quota);
}

/** Root adds an OpenAI channel to `upstream` and every instance picks it up. */
export async function createChannel(
  cluster: Cluster,
  upstream: FaultUpstream,
  models: readonly string[],
): Promise<number> {
  const response = await fetch(
    `${cluster.instances.urls[0]}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: 'fault-upstream',
        key: 'sk-upstream-reliability',
        baseUrl: `${upstream.url}/v1`,
        allowPrivateNetwork: true,
        models,
      },
      cluster.instances.root,
    ),
  );
  expect(response.status).toBe(201);
  await cluster.instances.refresh();
  return ((await response.json()) as { id: number }).id;
}

/**
 * The set-up of a single test gateway whose root relays with its own key: one OpenAI channel
 * (gpt-4o) to `upstreamUrl`, and root credited 10,000,000 quota under `creditKey`.
 */
export async function provisionRootRelay(
  gatewayUrl: string,
  upstreamUrl: string,
  root: Record<string, string>,
  creditKey: string,
): Promise<void> {
  const channel = await fetch(
    `${gatewayUrl}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: 'up',
        key: 'sk-up',
        baseUrl: `${upstreamUrl}/v1`,
        allowPrivateNetwork: true,
        models: ['gpt-4o'],
      },
      root,
    ),
  );
  expect(channel.status).toBe(201);
  const credit = await fetch(
    `${gatewayUrl}/api/users/1/quota`,
    jsonRequest('POST', { amount: 10_000_000, idempotencyKey: creditKey, reason: 'test' }, root),
  );
  expect(credit.status).toBe(201);
}

/** A short gpt-4o chat with `apiKey`, as the gateways of provisionRootRelay serve it. */
export function sendChat(gatewayUrl: string, apiKey: string): Promise<Response> {
  return fetch(
    `${gatewayUrl}/v1/chat/completions`,
    jsonRequest(
      'POST',
      { model: 'gpt-4o', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] },
      { authorization: `Bearer ${apiKey}` },
    ),
  );
}

/** Every log row of a user of one type, all pages. */
export async function listAllLogs(
  storage: Storage,
  filter: { userId: number; type: LogEntry['type'] },
): Promise<LogEntry[]> {
  const all: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await storage.repositories.logs.list({ ...filter, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The OpenAI error shape every refusal must have: `{ error: { message, type, code } }`. */
export function expectOpenAIError(body: unknown, code: string): void {
  expect(body).toMatchObject({
    error: { message: expect.any(String), type: expect.any(String), code },
  });
}
