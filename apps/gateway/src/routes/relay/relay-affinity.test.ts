import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const completion = fixture('chat-completion-text.json');
const response = fixture('responses-custom-tool.json');
// OpenAI's words for its own 500 (a retryable failure).
const SERVER_ERROR =
  '{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}';
const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-roottoken1234567890';
// Chi-square at p = 1e-6 for 2 degrees of freedom; the hash is deterministic, so no flake.
const CHI_SQUARE_BOUND = 27.63;

interface Upstream {
  readonly name: string;
  readonly weight: number;
  readonly server: FixtureServer;
  id: number;
  down: boolean;
}

// Three OpenAI channels of weights 1, 1 and 2 serve one model: sessions keep to a channel on
// every ingress, spread by weight, move when their channel dies and come back when it heals.
describe('session affinity through the relay', () => {
  let gateway: TestGateway;
  let base: string;
  const upstreams: Upstream[] = [];

  const served = () => upstreams.map((upstream) => upstream.server.requests.length);
  /** Which upstream served the requests `send` makes (each must be served by exactly one). */
  async function servedBy(send: () => Promise<unknown>): Promise<string> {
    const before = served();
    await send();
    const after = served();
    const hit = upstreams.filter((_, i) => (after[i] as number) > (before[i] as number));
    const healthy = hit.filter((upstream) => !upstream.down);
    expect(healthy.map((upstream) => upstream.name)).toHaveLength(1);
    return (healthy[0] as Upstream).name;
  }
  const chat = (headers: Record<string, string>, key = API_KEY) =>
    fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    }).then(async (answer) => {
      expect(answer.status, await answer.clone().text()).toBe(200);
      await answer.text();
    });
  const chatIn = (session: string, key = API_KEY) =>
    servedBy(() => chat({ 'session-id': session }, key));

  beforeAll(async () => {
    for (const [name, weight] of [
      ['one', 1],
      ['two', 1],
      ['four', 2],
    ] as const) {
      const upstream: Upstream = {
        name,
        weight,
        id: 0,
        down: false,
        server: await startFixtureServer((request) =>
          upstream.down
            ? { status: 500, body: SERVER_ERROR }
            : { body: request.url.endsWith('/responses') ? response : completion },
        ),
      };
      upstreams.push(upstream);
    }
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
      TOKEN_CONCURRENCY_LIMIT: '0',
    });
    base = await gateway.listen();
    for (const upstream of upstreams) {
      const created = await fetch(
        `${base}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name: upstream.name,
            key: `sk-${upstream.name}`,
            baseUrl: upstream.server.url,
            allowPrivateNetwork: true,
            models: ['gpt-4o'],
            weight: upstream.weight,
          },
          ROOT,
        ),
      );
      expect(created.status).toBe(201);
      upstream.id = ((await created.json()) as { id: number }).id;
    }
    const topUp = await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 1_000_000_000, idempotencyKey: 'affinity-credit', reason: 'test' },
        ROOT,
      ),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((upstream) => upstream.server.close()));
  });

  it('keeps one session on one channel for 50 requests, on every ingress', async () => {
    const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${base}/v1`, maxRetries: 0 });
    const anthropic = new Anthropic({ apiKey: API_KEY, baseURL: base, maxRetries: 0 });
    const ingresses: Record<string, () => Promise<unknown>> = {
      // Codex's header, on chat completions.
      chat: () => chat({ 'session-id': 'codex-thread-1' }),
      // Claude Code's session in metadata.user_id, translated for OpenAI channels.
      messages: () =>
        anthropic.messages.create({
          model: 'gpt-4o',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'hi' }],
          metadata: { user_id: 'user_abc_account__session_7d1e5f2a-0000-4000-8000-000000000001' },
        }),
      // Codex on the Responses API names its thread in prompt_cache_key (passed through).
      responses: () =>
        openai.responses.create({ model: 'gpt-4o', input: 'hi', prompt_cache_key: 'thread-9' }),
      // Gemini CLI's installation id, on the Gemini-native ingress.
      gemini: () =>
        fetch(`${base}/v1beta/models/gpt-4o:generateContent`, {
          method: 'POST',
          headers: {
            'x-goog-api-key': API_KEY,
            'content-type': 'application/json',
            'x-gemini-api-privileged-user-id': 'install-42',
          },
          body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
        }).then((answer) => expect(answer.status).toBe(200)),
    };
    for (const [ingress, send] of Object.entries(ingresses)) {
      const channels = new Set<string>();
      for (let i = 0; i < 50; i++) channels.add(await servedBy(send));
      expect([...channels], ingress).toHaveLength(1);
    }
  });

  it('spreads 300 sessions 1:1:2 by channel weight (chi-square)', async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const name = await chatIn(`spread-${i}`);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const observed = ['one', 'two', 'four'].map((name) => counts.get(name) ?? 0);
    const expected = [75, 75, 150];
    const chiSquare = observed.reduce(
      (sum, count, i) => sum + (count - (expected[i] as number)) ** 2 / (expected[i] as number),
      0,
    );
    expect(chiSquare, `served ${observed.join(':')}`).toBeLessThan(CHI_SQUARE_BOUND);
  });

  it("scopes sessions by the caller's key: the same session id of two keys is two sessions", async () => {
    const created = await fetch(
      `${base}/api/tokens`,
      jsonRequest('POST', { name: 'second', userId: 1, unlimitedQuota: true }, ROOT),
    );
    expect(created.status).toBe(201);
    const secondKey = ((await created.json()) as { key: string }).key;
    let differ = 0;
    for (let i = 0; i < 30; i++) {
      const [first, second] = [await chatIn(`shared-${i}`), await chatIn(`shared-${i}`, secondKey)];
      // Each key's session is sticky on its own.
      expect(await chatIn(`shared-${i}`, secondKey)).toBe(second);
      if (first !== second) differ++;
    }
    // Were the key not in the hash, all 30 would agree; scoped, about 5/8 of them differ.
    expect(differ).toBeGreaterThan(5);
  });

  it('moves the sessions of a dead channel to one other channel each, and back when it heals', async () => {
    const placed = new Map<string, string>();
    for (let i = 0; i < 40; i++) placed.set(`heal-${i}`, await chatIn(`heal-${i}`));
    const dead = upstreams.find((upstream) => upstream.name === 'four') as Upstream;
    const victims = [...placed].filter(([, name]) => name === dead.name).map(([id]) => id);
    expect(victims.length).toBeGreaterThan(3);
    dead.down = true;
    const movedTo = new Map<string, string>();
    // Before the breaker opens each request fails over; after, it goes straight elsewhere:
    // either way a session lands on the same one channel every time.
    for (let round = 0; round < 4; round++)
      for (const session of victims) {
        const name = await chatIn(session);
        expect(name).not.toBe(dead.name);
        expect(movedTo.get(session) ?? name).toBe(name);
        movedTo.set(session, name);
      }
    // The other sessions did not move.
    for (const [session, name] of placed)
      if (name !== dead.name) expect(await chatIn(session)).toBe(name);

    dead.down = false;
    // The admin's channel test closes its breaker (else its half-open probe would, in time).
    const tested = await fetch(
      `${base}/api/channels/${dead.id}/test`,
      jsonRequest('POST', undefined, ROOT),
    );
    expect(tested.status).toBe(200);
    for (const session of victims) expect(await chatIn(session)).toBe(dead.name);
  });

  it('stops being sticky for a group listed in nonStickyGroups', async () => {
    const patched = await fetch(
      `${base}/api/settings`,
      jsonRequest('PATCH', { nonStickyGroups: ['default'] }, ROOT),
    );
    expect(patched.status).toBe(200);
    const channels = new Set<string>();
    for (let i = 0; i < 50; i++) channels.add(await chatIn('one-session'));
    // By weight at random: 50 draws on one channel would have odds of about 1e-15.
    expect(channels.size).toBeGreaterThan(1);
    await fetch(`${base}/api/settings`, jsonRequest('PATCH', { nonStickyGroups: [] }, ROOT));
  });
});
