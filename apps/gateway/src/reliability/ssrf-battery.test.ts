import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import { reportFigure, TEST_TIMEOUT_MS } from '../testing/reliability/reliability-kit';

/*
 * Every URL the gateway takes from an admin or a client, aimed at a canary listening on
 * 127.0.0.1 in ~30 spellings of forbidden addresses. All are refused and the canary sees no
 * connection. Names resolve through a test table (`lookupHost`), never real DNS.
 */

const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootssrfbattery0123456789';
/** Answers as a public address would; nothing routes there (TEST-NET-3). */
const PUBLIC_ADDRESS = '203.0.113.10';

/** Host spellings that all mean a forbidden address; `:port` is the canary's. */
const FORBIDDEN_HOSTS = [
  '127.0.0.1',
  '127.0.0.2',
  'localhost',
  '0.0.0.0',
  '0',
  '10.0.0.1',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '198.18.0.1',
  '224.0.0.1',
  '[::1]',
  '[::]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:127.0.0.1]',
  '[::ffff:169.254.169.254]',
  '[fd00::1]',
  '[fe80::1]',
  '2130706433',
  '0177.0.0.1',
  '0x7f000001',
  '0x7f.0.0.1',
  '017700000001',
  '127.1',
  '127.0.1',
  'private.test',
  'metadata.test',
  'mixed.test',
];

/** The test's DNS: names the battery uses, and one that changes its answer (rebinding). */
const names = new Map<string, string[]>([
  ['localhost', ['127.0.0.1', '::1']],
  ['private.test', ['10.1.2.3']],
  ['metadata.test', ['169.254.169.254']],
  // One public and one private record: refused, since a connection may pick either.
  ['mixed.test', [PUBLIC_ADDRESS, '127.0.0.1']],
  ['public.test', [PUBLIC_ADDRESS]],
  ['rebind.test', [PUBLIC_ADDRESS]],
]);
const lookupHost = async (hostname: string) => {
  const found = names.get(hostname);
  if (!found) throw new Error(`test DNS: no such name ${hostname}`);
  return found;
};

describe('SSRF battery (SQLite)', () => {
  let gateway: TestGateway;
  let canary: NetServer;
  let canaryPort = 0;
  let canaryConnections = 0;
  let redirector: Server;
  let upstream: FaultUpstream;

  beforeAll(async () => {
    canary = createServer((socket) => {
      canaryConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryPort = (canary.address() as { port: number }).port;
    // A permitted upstream (allowPrivateNetwork) that redirects every request to the canary.
    redirector = createHttpServer((_, outgoing) => {
      outgoing
        .writeHead(307, { location: `http://127.0.0.1:${canaryPort}/v1/chat/completions` })
        .end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
    gateway = await createTestGateway(
      {
        INITIAL_ROOT_PASSWORD: 'root-password',
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: API_KEY,
        GLOBAL_API_RATE_LIMIT: '100000',
        RETRY_TIMES: '0',
      },
      { lookupHost },
    );
    await gateway.listen();
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 1_000_000, idempotencyKey: 'ssrf-battery', reason: 'test' },
        ROOT,
      ),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await new Promise<void>((resolve) => redirector?.close(() => resolve()));
    await new Promise<void>((resolve) => canary?.close(() => resolve()));
    // Whatever each test did, the canary was never reached.
    expect(canaryConnections).toBe(0);
  });

  const saveChannel = (channel: Record<string, unknown>) =>
    fetch(
      `${gateway.url}/api/channels`,
      jsonRequest(
        'POST',
        { type: 'openai', name: 'ssrf', key: 'sk-ssrf', models: ['gpt-4o'], ...channel },
        ROOT,
      ),
    );

  /** One chat on `model`, answered by whichever channel serves it. */
  const chat = (model: string, content: unknown = 'hi') =>
    fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model, messages: [{ role: 'user', content }] },
        { authorization: `Bearer ${API_KEY}` },
      ),
    );

  it('refuses every forbidden base URL when a channel is saved', async () => {
    const answers: number[] = [];
    for (const host of FORBIDDEN_HOSTS) {
      const response = await saveChannel({ baseUrl: `http://${host}:${canaryPort}/v1` });
      answers.push(response.status);
      if (response.status !== 400) throw new Error(`${host}: ${response.status}`);
      expect(await response.json()).toMatchObject({ error: { param: 'baseUrl' } });
    }
    // And through an edit of a saved public channel.
    const saved = await saveChannel({ baseUrl: 'http://public.test/v1' });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: number };
    for (const host of FORBIDDEN_HOSTS) {
      const patched = await fetch(
        `${gateway.url}/api/channels/${id}`,
        jsonRequest('PATCH', { baseUrl: `http://${host}:${canaryPort}/v1` }, ROOT),
      );
      expect(patched.status).toBe(400);
    }
    await fetch(`${gateway.url}/api/channels/${id}`, { method: 'DELETE', headers: ROOT });
    expect(canaryConnections).toBe(0);
    reportFigure(
      `SSRF: ${FORBIDDEN_HOSTS.length} forbidden base URLs x (create, edit): all 400, canary 0 connections`,
    );
  });

  it('refuses at connect time: DNS rebinding, a withdrawn permission, a redirect', async () => {
    // Saved while rebind.test resolves to a public address, used once it resolves to the canary.
    const rebinding = await saveChannel({
      baseUrl: `http://rebind.test:${canaryPort}/v1`,
      models: ['gpt-4.1'],
    });
    expect(rebinding.status).toBe(201);
    names.set('rebind.test', ['127.0.0.1']);
    expect((await chat('gpt-4.1')).status).not.toBe(200);

    // A channel allowed onto the private network, then no longer allowed (base URL unchanged).
    const local = await saveChannel({
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4.1-mini'],
    });
    expect(local.status).toBe(201);
    expect((await chat('gpt-4.1-mini')).status).toBe(200);
    const { id } = (await local.json()) as { id: number };
    const withdrawn = await fetch(
      `${gateway.url}/api/channels/${id}`,
      jsonRequest('PATCH', { allowPrivateNetwork: false }, ROOT),
    );
    expect(withdrawn.status).toBe(200);
    const sentBefore = upstream.requests.length;
    expect((await chat('gpt-4.1-mini')).status).not.toBe(200);
    expect(upstream.requests).toHaveLength(sentBefore);

    // A permitted upstream redirecting to a private address that is not permitted.
    const redirecting = await saveChannel({
      baseUrl: `http://127.0.0.1:${(redirector.address() as { port: number }).port}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4.1-nano'],
    });
    expect(redirecting.status).toBe(201);
    expect((await chat('gpt-4.1-nano')).status).not.toBe(200);
    expect(canaryConnections).toBe(0);
    reportFigure(
      'SSRF at connect time: rebinding, withdrawn allowPrivateNetwork, 307 to 127.0.0.1: all refused, canary 0',
    );
  });

  it(
    'refuses image URLs the gateway would fetch (Gemini converts them to bytes)',
    async () => {
      // A public Gemini channel: images are checked before any upstream call.
      const publicGemini = await saveChannel({
        type: 'gemini',
        baseUrl: 'http://public.test',
        models: ['gemini-2.5-flash'],
      });
      expect(publicGemini.status).toBe(201);
      const statuses = new Map<string, number>();
      for (const model of ['gemini-2.5-flash']) {
        for (const host of FORBIDDEN_HOSTS) {
          const response = await chat(model, [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `http://${host}:${canaryPort}/cat.png` } },
          ]);
          if (response.status === 200) throw new Error(`${model} fetched ${host}`);
          const { error } = (await response.json()) as { error: { code: string; param?: string } };
          const key = `${response.status} ${error.code}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }
      expect(canaryConnections).toBe(0);
      reportFigure(
        `SSRF images: ${FORBIDDEN_HOSTS.length} forbidden image URLs x a Gemini channel: ${[...statuses].map(([status, count]) => `${count} x ${status}`).join(', ')}; canary 0`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses private image URLs on channels with allowPrivateNetwork (Gemini, Bedrock, Ollama)',
    async () => {
      // Local model servers the operator allowed onto the private network: their base URL is
      // the fault upstream on 127.0.0.1. The caller's image URLs get no such permission.
      // Model names from the default price list, one per channel (a model without a price is
      // refused before routing); no request reaches an upstream anyway.
      const local = [
        { type: 'gemini', models: ['gemini-2.0-flash'] },
        {
          type: 'bedrock',
          models: ['gemini-1.5-pro'],
          config: { region: 'us-east-1', authMode: 'api-key' },
        },
        { type: 'ollama', models: ['qwen-max'] },
      ];
      for (const channel of local) {
        const saved = await saveChannel({
          ...channel,
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
        });
        expect(saved.status).toBe(201);
      }
      const sentBefore = upstream.requests.length;
      // The canary in every spelling, and the allowed upstream's own host:port: the gateway's
      // connect guard would let that one through, the image check must not.
      const imageUrls = [
        ...FORBIDDEN_HOSTS.map((host) => `http://${host}:${canaryPort}/cat.png`),
        `${upstream.url}/cat.png`,
      ];
      const statuses = new Map<string, number>();
      for (const { models } of local) {
        for (const url of imageUrls) {
          const response = await chat(models[0]!, [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url } },
          ]);
          const { error } = (await response.json()) as { error?: { code: string } };
          if (response.status !== 400 || error?.code !== 'invalid_request') {
            throw new Error(`${models[0]} ${url}: ${response.status} ${error?.code}`);
          }
          const key = `${response.status} ${error?.code}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }
      // Refused before the chat was sent: the upstream saw neither an image fetch nor a chat.
      expect(upstream.requests).toHaveLength(sentBefore);
      expect(canaryConnections).toBe(0);
      reportFigure(
        `SSRF images on allowPrivateNetwork channels: ${imageUrls.length} image URLs x (Gemini, Bedrock, Ollama): ${[...statuses].map(([status, count]) => `${count} x ${status}`).join(', ')}; upstream 0 requests, canary 0`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/*
 * URLs the gateway does not fetch but hands an upstream that will: an Anthropic `url` image
 * source, an OpenAI-compatible `image_url`, a Responses `input_image`. The channels' base URL
 * is a public name (public.test) that this gateway's fetch sends to the fault upstream, so the
 * upstream can tell what it was sent.
 */
describe('SSRF battery: URLs forwarded for the upstream to fetch (SQLite)', () => {
  let gateway: TestGateway;
  let canary: NetServer;
  let canaryPort = 0;
  let canaryConnections = 0;
  let upstream: FaultUpstream;

  beforeAll(async () => {
    canary = createServer((socket) => {
      canaryConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryPort = (canary.address() as { port: number }).port;
    upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
    const toUpstream: typeof fetch = (input, init) =>
      fetch(String(input).replace('http://public.test', upstream.url), init);
    gateway = await createTestGateway(
      {
        INITIAL_ROOT_PASSWORD: 'root-password',
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: API_KEY,
        GLOBAL_API_RATE_LIMIT: '100000',
        RETRY_TIMES: '0',
      },
      { lookupHost, fetch: toUpstream },
    );
    await gateway.listen();
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 1_000_000, idempotencyKey: 'ssrf-forwarded', reason: 'test' },
        ROOT,
      ),
    );
    expect(topUp.status).toBe(201);
    for (const channel of [
      { type: 'anthropic', baseUrl: 'http://public.test', models: ['claude-3-5-haiku-latest'] },
      { type: 'openai', baseUrl: 'http://public.test/v1', models: ['gpt-4o'] },
      // On the operator's private network on purpose: their upstreams may be sent there.
      {
        type: 'anthropic',
        baseUrl: upstream.url,
        models: ['claude-3-5-sonnet-latest'],
        allowPrivateNetwork: true,
      },
      {
        type: 'openai',
        baseUrl: `${upstream.url}/v1`,
        models: ['gpt-4o-mini'],
        allowPrivateNetwork: true,
      },
    ]) {
      const saved = await fetch(
        `${gateway.url}/api/channels`,
        jsonRequest('POST', { name: 'forwarding', key: 'sk-forwarding', ...channel }, ROOT),
      );
      expect(saved.status).toBe(201);
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await new Promise<void>((resolve) => canary?.close(() => resolve()));
    expect(canaryConnections).toBe(0);
  });

  const asClient = { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY };
  const post = (path: string, body: unknown) =>
    fetch(`${gateway.url}${path}`, jsonRequest('POST', body, asClient));
  const imageChat = (model: string, url: string) =>
    post('/v1/chat/completions', {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
    });
  const imageMessage = (model: string, url: string) =>
    post('/v1/messages', {
      model,
      max_tokens: 16,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    });
  const imageResponse = (model: string, url: string) =>
    post('/v1/responses', {
      model,
      input: [{ role: 'user', content: [{ type: 'input_image', image_url: url }] }],
    });

  it(
    'refuses private URLs an upstream would fetch, unless the channel allows private networks',
    async () => {
      const urls = FORBIDDEN_HOSTS.map((host) => `http://${host}:${canaryPort}/cat.png`);
      const routes = [
        ['chat -> Anthropic', (url: string) => imageChat('claude-3-5-haiku-latest', url)],
        ['chat -> OpenAI', (url: string) => imageChat('gpt-4o', url)],
        ['messages -> Anthropic', (url: string) => imageMessage('claude-3-5-haiku-latest', url)],
        ['responses -> OpenAI', (url: string) => imageResponse('gpt-4o', url)],
      ] as const;
      const statuses = new Map<string, number>();
      for (const [route, send] of routes) {
        for (const url of urls) {
          const response = await send(url);
          const body = (await response.json()) as {
            type?: string;
            error: { code?: string; type: string };
          };
          if (response.status !== 400) throw new Error(`${route} ${url}: ${response.status}`);
          // Each ingress in its own error shape.
          if (route.startsWith('messages')) expect(body.type).toBe('error');
          else expect(body.error.code).toBe('invalid_request');
          const key = `${response.status} ${body.error.code ?? body.error.type}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }
      // Refused before anything was sent: the upstream never saw one of these URLs.
      expect(upstream.requests).toHaveLength(0);
      expect(canaryConnections).toBe(0);

      // Channels on the private network on purpose pass the same URLs on (the fault upstream
      // does not fetch them, so the canary still sees nothing).
      const allowed = [
        await imageChat('claude-3-5-sonnet-latest', urls[0]!),
        await imageMessage('claude-3-5-sonnet-latest', urls[9]!),
        await imageChat('gpt-4o-mini', urls[13]!),
        await imageResponse('gpt-4o-mini', urls[0]!),
      ];
      expect(allowed.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      const forwarded = upstream.requests.map((request) => JSON.stringify(request.body));
      expect(forwarded.filter((body) => body.includes(`:${canaryPort}/cat.png`))).toHaveLength(4);
      expect(canaryConnections).toBe(0);
      reportFigure(
        `SSRF forwarded URLs: ${urls.length} forbidden image URLs x (chat -> Anthropic, chat -> OpenAI, messages -> Anthropic, responses -> OpenAI): ${[...statuses].map(([status, count]) => `${count} x ${status}`).join(', ')}; upstream 0 requests; 4 x 200 on allowPrivateNetwork channels; canary 0`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
