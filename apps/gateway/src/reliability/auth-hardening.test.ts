import { describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest } from '../testing/create-test-gateway';
import {
  createUser,
  describeOnEachDatabase,
  expectOpenAIError,
  reportFigure,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';

/*
 * The admin API against hostile filters, and the session cookie against other sites: SQL
 * injection in every filter and search parameter of the list routes (on each dialect), the
 * cookie's attributes, cross-origin writes without the CSRF header, and sign-in throttling
 * that a forged X-Forwarded-For cannot dodge.
 */

const PAYLOADS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '1; DROP TABLE users',
  '1); DROP TABLE tokens; --',
  '" UNION SELECT id, username, password_hash FROM users --',
  "' UNION SELECT NULL, NULL, NULL --",
  "%' --",
  '%',
  '_',
  '!',
  '\\',
  "\\' OR 1=1 #",
  '‘ OR 1=1 --', // unicode quotes
  'ʼ OR ʼ1ʼ=ʼ1',
  "'; SELECT pg_sleep(5); --",
  "1' AND SLEEP(5) #",
  '\u0000',
  '1e309',
  '-1',
  '0x7fffffff',
  'x'.repeat(128),
  `'${'x'.repeat(189)}`,
  'x'.repeat(4_000),
];

/** Every filter, search and cursor parameter of the admin list routes (there is no sort). */
const ROUTES: Record<string, readonly string[]> = {
  '/api/logs': [
    'limit',
    'cursor',
    'from',
    'to',
    'type',
    'userId',
    'tokenId',
    'channelId',
    'model',
    'status',
    'requestId',
  ],
  '/api/logs/export.csv': ['from', 'to', 'type', 'userId', 'model', 'requestId'],
  '/api/channels': ['limit', 'cursor', 'search', 'type', 'tag', 'status'],
  '/api/users': ['limit', 'cursor', 'search'],
  '/api/tokens': ['limit', 'cursor', 'search', 'userId'],
  '/api/redemption-codes': ['limit', 'cursor', 'search', 'status'],
  '/api/redemption-codes/export.csv': ['search', 'status'],
  '/api/usage': ['from', 'to', 'groupBy', 'userId', 'tokenId', 'channelId', 'model'],
  '/api/user/self/usage': ['from', 'to', 'groupBy', 'tokenId'],
};

/** Text filters: no seeded row contains an injection payload, so a 200 must list nothing. */
const TEXT_FILTERS = new Set(['search', 'model', 'requestId', 'tag', 'type']);

describeOnEachDatabase('auth hardening: SQL injection', { count: 1 }, (cluster) => {
  it(
    'answers every injection payload in every list filter with 200 or an OpenAI-shaped 400',
    async () => {
      const { instances, storage } = cluster();
      const base = instances.urls[0]!;
      const root = instances.root;
      // Something in every table the routes read.
      await createUser(cluster(), 'injection-alice');
      const seeded = await Promise.all([
        fetch(`${base}/api/tokens`, jsonRequest('POST', { name: 'alpha key' }, root)),
        fetch(
          `${base}/api/channels`,
          jsonRequest(
            'POST',
            {
              type: 'openai',
              name: 'alpha channel',
              key: 'sk-alpha',
              // A public address literal: saved without DNS, never called.
              baseUrl: 'https://203.0.113.10/v1',
              tag: 'alpha',
              models: ['gpt-4o'],
            },
            root,
          ),
        ),
        fetch(
          `${base}/api/redemption-codes`,
          jsonRequest('POST', { name: 'alpha codes', quota: 100, count: 2 }, root),
        ),
      ]);
      expect(seeded.map((response) => response.status)).toEqual([201, 201, 201]);

      const countRows = async () => {
        // Untyped on purpose: every table, including ones this test has never heard of.
        const db = storage.db as unknown as {
          introspection: { getTables(): Promise<{ name: string }[]> };
          selectFrom(table: string): {
            selectAll(): { execute(): Promise<unknown[]> };
          };
        };
        const counts: Record<string, number> = {};
        for (const { name } of await db.introspection.getTables()) {
          counts[name] = (await db.selectFrom(name).selectAll().execute()).length;
        }
        return counts;
      };
      const before = await countRows();
      expect(before).toMatchObject({ users: 2, tokens: 1, channels: 1 });

      const answers = new Map<number, number>();
      let slowestMs = 0;
      const started = performance.now();
      for (const [route, params] of Object.entries(ROUTES)) {
        const baseline = await fetch(`${base}${route}`, { headers: root });
        expect(baseline.status, route).toBe(200);
        const baselineBody = await baseline.text();
        for (const param of params) {
          for (const payload of PAYLOADS) {
            const url = `${base}${route}?${new URLSearchParams({ [param]: payload })}`;
            const sent = performance.now();
            const response = await fetch(url, { headers: root });
            slowestMs = Math.max(slowestMs, performance.now() - sent);
            const body = await response.text();
            answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
            const where = `${route} ${param}=${JSON.stringify(payload.slice(0, 40))}`;
            if (response.status === 400) {
              expectOpenAIError(JSON.parse(body), 'invalid_request');
              continue;
            }
            if (response.status !== 200) throw new Error(`${where}: ${response.status} ${body}`);
            if (route.endsWith('.csv')) {
              // No more rows than without the filter.
              expect(body.split('\n').length, where).toBeLessThanOrEqual(
                baselineBody.split('\n').length,
              );
              continue;
            }
            const json = JSON.parse(body) as { items?: unknown[] };
            if (!json.items) continue;
            const baselineItems = (JSON.parse(baselineBody) as { items: unknown[] }).items;
            expect(json.items.length, where).toBeLessThanOrEqual(baselineItems.length);
            if (TEXT_FILTERS.has(param)) expect(json.items, where).toEqual([]);
          }
        }
      }
      const elapsedMs = performance.now() - started;
      expect(answers.get(500)).toBeUndefined();
      expect(await countRows()).toEqual(before);
      const total = [...answers.values()].reduce((sum, count) => sum + count, 0);
      reportFigure(
        `SQL injection [${storage.dialect}]: ${total} requests (${PAYLOADS.length} payloads x ${Object.values(ROUTES).flat().length} parameters of ${Object.keys(ROUTES).length} routes): ${[...answers].map(([status, count]) => `${count} x ${status}`).join(', ')}; 0 x 500; ${Object.keys(before).length} tables' row counts unchanged; ${(elapsedMs / 1000).toFixed(1)} s, slowest ${Math.round(slowestMs)} ms`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('auth hardening: session cookie, CSRF, sign-in throttle (SQLite)', () => {
  const ROOT_PASSWORD = 'root-password';
  const startGateway = (env: NodeJS.ProcessEnv = {}) =>
    createTestGateway({
      INITIAL_ROOT_PASSWORD: ROOT_PASSWORD,
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      ...env,
    });
  const login = (
    gateway: Awaited<ReturnType<typeof startGateway>>,
    origin = 'http://gateway.test',
    headers: Record<string, string> = {},
    password = ROOT_PASSWORD,
  ) =>
    gateway.app.request(
      `${origin}/api/auth/login`,
      jsonRequest('POST', { username: 'root', password }, headers),
    );

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and Secure over https', async () => {
    const gateway = await startGateway();
    try {
      const attributesOf = async (response: Response) => {
        expect(response.status).toBe(200);
        const [pair, ...attributes] = response.headers.get('set-cookie')!.split(/;\s*/);
        expect(pair).toMatch(/^oneapi_session=[A-Za-z0-9_-]{43}$/);
        return attributes;
      };
      const plain = await attributesOf(await login(gateway));
      expect(plain).toEqual(
        expect.arrayContaining([
          'HttpOnly',
          'SameSite=Lax',
          'Path=/',
          expect.stringMatching(/^Max-Age=\d+$/),
        ]),
      );
      // Over plain http a browser would drop a Secure cookie: sign-in must work there too.
      expect(plain).not.toContain('Secure');
      // TLS at the gateway, or at a proxy in front of it that says so.
      const direct = await attributesOf(await login(gateway, 'https://gateway.test'));
      const proxied = await attributesOf(
        await login(gateway, 'http://gateway.test', { 'x-forwarded-proto': 'https' }),
      );
      for (const attributes of [direct, proxied]) {
        expect(attributes).toEqual(
          expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']),
        );
      }
    } finally {
      await gateway.close();
    }
  });

  it('refuses a cross-origin cookie POST without the CSRF header and takes it with one', async () => {
    const gateway = await startGateway();
    try {
      const signedIn = await login(gateway);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
      const other = (await (await login(gateway)).json()) as { csrfToken: string };
      const crossSite = {
        cookie,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      };
      const createToken = (headers: Record<string, string>, init: RequestInit = {}) =>
        gateway.app.request('http://gateway.test/api/tokens', {
          ...jsonRequest('POST', { name: 'csrf' }, headers),
          ...init,
        });
      const countTokens = async () =>
        (await gateway.services.storage.repositories.tokens.list({})).items.length;
      // What a page on another site can send: JSON, or a form's text/plain, with the cookie.
      const refused = [
        await createToken(crossSite),
        await createToken(crossSite, {
          headers: { ...crossSite, 'content-type': 'text/plain' },
        }),
        await createToken({ ...crossSite, 'x-csrf-token': '' }),
        await createToken({ ...crossSite, 'x-csrf-token': 'guessed' }),
        // Another session's token does not fit this cookie.
        await createToken({ ...crossSite, 'x-csrf-token': other.csrfToken }),
      ];
      for (const response of refused) {
        expect(response.status).toBe(403);
        expectOpenAIError(await response.json(), 'csrf_failed');
      }
      expect(await countTokens()).toBe(0);
      // The header a cross-site page cannot send without a preflight, which gets no CORS grant.
      const preflight = await gateway.app.request('http://gateway.test/api/tokens', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-csrf-token',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const accepted = await createToken({ cookie, 'x-csrf-token': csrfToken });
      expect(accepted.status).toBe(201);
      expect(await countTokens()).toBe(1);
      reportFigure(
        `CSRF: ${refused.length} cross-origin cookie POSTs without the right x-csrf-token: all 403 csrf_failed, 0 keys created; the same POST with it: 201; preflight from another origin: no CORS grant`,
      );
    } finally {
      await gateway.close();
    }
  });

  it('throttles password guessing even with a new X-Forwarded-For per attempt', async () => {
    // The per-address limit on sign-in requests (LOGIN_RATE_LIMIT, 20 a minute, by the TCP
    // peer) is lifted here to test the password throttle alone. It counts every request from
    // one address, so behind a proxy it is shared by all clients.
    const gateway = await startGateway({ LOGIN_RATE_LIMIT: '10000' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 40; attempt++) {
        const response = await login(
          gateway,
          'http://gateway.test',
          { 'x-forwarded-for': `198.51.100.${attempt + 1}` },
          `wrong-${attempt}`,
        );
        statuses.push(response.status);
        if (response.status === 429) expectOpenAIError(await response.json(), 'too_many_requests');
      }
      const firstRefusal = statuses.indexOf(429);
      expect(firstRefusal).toBe(20);
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
      // The right password is refused too while the username is locked: the lock is not an
      // oracle for it.
      const right = await login(gateway, 'http://gateway.test', {
        'x-forwarded-for': '203.0.113.99',
      });
      expect(right.status).toBe(429);
      reportFigure(
        `sign-in throttle: 40 wrong passwords from 40 forged X-Forwarded-For addresses: ${firstRefusal} x 401, then ${statuses.length - firstRefusal} x 429 (and 429 for the right password)`,
      );
    } finally {
      await gateway.close();
    }
  });
});
