import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  type GatewayProcess,
  MAIN_MISSING,
  ROOT,
  ROOT_API_KEY,
  runGatewayToExit,
  startGatewayProcess,
} from '../testing/reliability/gateway-process';
import { reportFigure } from '../testing/reliability/reliability-kit';

/** Every spelling of a secret a dump could hold it in. */
const spellings = (secret: string) => [
  secret,
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
  Buffer.from(secret).toString('hex'),
];

// Channel keys at rest, with the built gateway on its SQLite file: the dump holds no key in
// any spelling; a wrong or lost key-encryption key refuses to start, saying why; a tampered
// ciphertext takes out its channel only.
describe.skipIf(MAIN_MISSING !== undefined)(
  `encryption at rest${MAIN_MISSING ? ` (skipped: ${MAIN_MISSING})` : ''}`,
  () => {
    let directory: string;
    let sqlitePath: string;
    let upstream: FaultUpstream;
    let gateway: GatewayProcess | undefined;
    const canaries = [
      `sk-canary-alpha-${randomBytes(8).toString('hex')}`,
      `sk-canary-beta-${randomBytes(8).toString('hex')}`,
    ];

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'oneapi-at-rest-'));
      sqlitePath = join(directory, 'oneapi.db');
      upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
    });

    afterAll(async () => {
      gateway?.child.kill('SIGKILL');
      await upstream?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    const chat = async () => {
      const response = await fetch(
        `${gateway!.base}/v1/chat/completions`,
        jsonRequest(
          'POST',
          { model: 'gpt-4o', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] },
          { authorization: `Bearer ${ROOT_API_KEY}` },
        ),
      );
      await response.text();
      return response.status;
    };

    it('keeps keys out of the dump, takes out a tampered channel only, refuses a wrong or lost KEK', async () => {
      gateway = await startGatewayProcess({ SQLITE_PATH: sqlitePath });
      for (const [index, key] of canaries.entries()) {
        const created = await fetch(
          `${gateway.base}/api/channels`,
          jsonRequest(
            'POST',
            {
              type: 'openai',
              name: `at-rest-${index}`,
              key,
              baseUrl: `${upstream.url}/v1`,
              allowPrivateNetwork: true,
              models: ['gpt-4o'],
            },
            ROOT,
          ),
        );
        expect(created.status).toBe(201);
      }
      const credit = await fetch(
        `${gateway.base}/api/users/1/quota`,
        jsonRequest(
          'POST',
          { amount: 1_000_000, idempotencyKey: 'credit-at-rest', reason: 'test' },
          ROOT,
        ),
      );
      expect(credit.status).toBe(201);
      expect(await chat()).toBe(200);
      const kekFile = join(directory, 'key-encryption.key');
      const kek = readFileSync(kekFile, 'utf8').trim();

      // The dump: every row of every table, the ciphertext column included.
      const storage = await createStorage({ sqlitePath });
      let dumped = 0;
      try {
        const db = storage.db as unknown as {
          introspection: { getTables(): Promise<Array<{ name: string }>> };
          selectFrom(table: string): { selectAll(): { execute(): Promise<unknown[]> } };
        };
        let dump = '';
        for (const { name } of await db.introspection.getTables())
          dump += JSON.stringify(await db.selectFrom(name).selectAll().execute());
        dumped = dump.length;
        for (const secret of [...canaries, kek])
          for (const spelling of spellings(secret)) expect(dump).not.toContain(spelling);
        expect(dump).toMatch(/v1\.[0-9a-f]{8}\./);

        // Tamper with the first channel's ciphertext (one byte of its data), then have the
        // gateway reload its channels (any channel write does).
        const first = (await storage.repositories.channels.listAll())[0]!;
        const parts = first.keyCiphertext.split('.');
        const data = Buffer.from(parts[4]!, 'base64url');
        data[0] = data[0]! ^ 1;
        parts[4] = data.toString('base64url');
        await storage.db
          .updateTable('channels')
          .set({ keyCiphertext: parts.join('.') })
          .where('id', '=', first.id)
          .execute();
      } finally {
        await storage.close();
      }
      const touched = await fetch(
        `${gateway.base}/api/channels/2`,
        jsonRequest('PATCH', { priority: 0 }, ROOT),
      );
      expect(touched.status).toBe(200);
      const seen = upstream.requests.length;
      const statuses = [];
      for (let index = 0; index < 10; index++) statuses.push(await chat());
      expect(statuses).toEqual(statuses.map(() => 200));
      // Only the intact channel's key reached the upstream; the process is still up.
      expect(new Set(upstream.requests.slice(seen).map((request) => request.key))).toEqual(
        new Set([canaries[1]]),
      );
      expect((await fetch(`${gateway.base}/api/channels`, { headers: ROOT })).status).toBe(200);
      expect((await fetch(`${gateway.base}/healthz`)).status).toBe(200);
      expect(gateway.child.exitCode).toBeNull();
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
      gateway = undefined;

      // A wrong key (well-formed, another one): refused, naming the fingerprints.
      const wrong = await runGatewayToExit({
        SQLITE_PATH: sqlitePath,
        KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      });
      expect(wrong.code).toBe(1);
      expect(wrong.output).toContain('opens none of the 2 stored channel keys');
      expect(wrong.output).not.toContain('listening');
      // A malformed key: refused by the configuration check.
      const malformed = await runGatewayToExit({
        SQLITE_PATH: sqlitePath,
        KEY_ENCRYPTION_KEY: 'abc',
      });
      expect(malformed.code).toBe(1);
      expect(malformed.output).toContain('KEY_ENCRYPTION_KEY');
      // The key file lost: no fresh key is generated and kept for these channels.
      renameSync(kekFile, `${kekFile}.saved`);
      const lost = await runGatewayToExit({ SQLITE_PATH: sqlitePath });
      expect(lost.code).toBe(1);
      expect(lost.output).toContain('restore key-encryption.key');
      expect(existsSync(kekFile)).toBe(false);
      // The right key back: it starts (the tampered channel stays out, the other serves).
      renameSync(`${kekFile}.saved`, kekFile);
      gateway = await startGatewayProcess({ SQLITE_PATH: sqlitePath });
      expect(await chat()).toBe(200);
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
      gateway = undefined;

      reportFigure(
        `encryption at rest: ${dumped} characters of table rows, 0 keys in 4 spellings; tampered ` +
          `channel skipped, 10/10 chats served by the other; wrong KEK refused in ${wrong.ms} ms, ` +
          `malformed in ${malformed.ms} ms, lost key file in ${lost.ms} ms (exit 1, none left behind)`,
      );
    }, 60_000);
  },
);
