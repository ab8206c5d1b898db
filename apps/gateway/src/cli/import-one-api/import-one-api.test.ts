import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { redeemRechargeCode } from '@oneapi/ledger';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelKeys } from '../../routes/admin/channel-keys';
import { createKeyCipher } from '../../secrets/key-cipher';
import { createTempDatabase, createTestIo } from '../../testing/cli/create-test-cli';
import { createTestGateway, jsonRequest } from '../../testing/create-test-gateway';
import { SOURCE_DIALECTS } from '../../testing/import-one-api/source-dialects';
import {
  createSourceDatabase,
  type SourceFixture,
} from '../../testing/import-one-api/source-fixture';
import { CODES, oneApiRows, PASSWORDS, TOKEN_KEYS } from '../../testing/import-one-api/source-rows';
import { runCli } from '../run-cli';

for (const { dialect, adminDsn, skipReason } of SOURCE_DIALECTS) {
  const title = `import-one-api from a One API database on ${dialect}`;
  describe.skipIf(skipReason !== undefined)(
    skipReason ? `${title} (skipped: ${skipReason})` : title,
    () => {
      const kek = randomBytes(32);
      const cipher = createKeyCipher(kek);
      let source: SourceFixture;
      let target: ReturnType<typeof createTempDatabase>;
      let storage: Storage;
      const env = () => ({
        SQLITE_PATH: target.sqlitePath,
        KEY_ENCRYPTION_KEY: kek.toString('hex'),
      });
      const importOnce = async (...extra: string[]) => {
        const io = createTestIo(env());
        const status = await runCli(['import-one-api', '--from', source.from, ...extra], io);
        expect(io.errors).toEqual([]);
        expect(status).toBe(0);
        return io.output;
      };

      const fileHash = () =>
        dialect === 'sqlite'
          ? createHash('sha256').update(readFileSync(source.from)).digest('hex')
          : '';
      let sourceHash: string;

      beforeAll(async () => {
        source = await createSourceDatabase('one-api', oneApiRows(), adminDsn);
        target = createTempDatabase();
        sourceHash = fileHash();
      });
      afterAll(async () => {
        await storage?.close();
        await source.dispose();
        target.dispose();
      });

      it('prints the plan of a dry run and creates nothing', async () => {
        const output = await importOnce('--dry-run');
        expect(output[0]).toContain('read as one-api (detected: no new-api table or column)');
        expect(output).toContain('channels: 6 to import, 0 already here, 1 skipped');
        expect(output).toContain('users: 4 to import, 0 already here, 0 skipped');
        expect(output).toContain('tokens: 4 to import, 0 already here, 0 skipped');
        expect(output).toContain('redemption codes: 3 to import, 0 already here, 0 skipped');
        expect(output).toContain('channel types with no counterpart, not imported: 11 PaLM (1)');
        expect(output).toContain('dry run: nothing was written');
        expect(existsSync(target.sqlitePath)).toBe(false);
      });

      it('imports channels with mapped types and decryptable keys', async () => {
        const output = await importOnce('--with-logs');
        expect(output).toContain('channels: 6 imported, 0 already here, 1 skipped');
        expect(output).toContain('logs: 3 imported, 0 already here, 0 skipped');
        expect(output).toContain(
          'no usable password, set one for them: carol (sign-in with GitHub, WeChat and the like is not carried over)',
        );
        storage = await createStorage({ sqlitePath: target.sqlitePath });
        const channels = await storage.repositories.channels.listAll();
        const byName = Object.fromEntries(channels.map((channel) => [channel.name, channel]));
        expect(Object.keys(byName).sort()).toEqual([
          'Azure',
          'Bedrock',
          'Claude via proxy',
          'DeepSeek',
          'Internal',
          'OpenAI main',
        ]);
        const keysOf = (name: string) => openChannelKeys(cipher, byName[name]!.keyCiphertext);
        expect(byName['OpenAI main']).toMatchObject({
          type: 'openai',
          baseUrl: null,
          models: ['gpt-4o-mini', 'gpt-4o'],
          groups: ['default', 'vip'],
          priority: 10,
          // One API ignored its weight 5 (equal shares in a priority): imported as 1.
          weight: 1,
          modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' },
          status: 'enabled',
          usedQuota: 4321,
        });
        expect(keysOf('OpenAI main')).toEqual(['sk-upstream-openai']);
        expect(byName['Claude via proxy']).toMatchObject({
          type: 'anthropic',
          baseUrl: 'https://claude-proxy.example.com',
          status: 'manually_disabled',
        });
        expect(byName.DeepSeek).toMatchObject({
          type: 'deepseek',
          baseUrl: 'https://api.deepseek.com/v1',
          status: 'auto_disabled',
        });
        expect(byName.Bedrock).toMatchObject({ type: 'bedrock', config: { region: 'us-east-1' } });
        expect(keysOf('Bedrock')).toEqual(['AKIAEXAMPLE:aws-secret']);
        expect(byName.Azure).toMatchObject({
          type: 'azure',
          baseUrl: 'https://my-resource.openai.azure.com',
          config: { apiVersion: '2024-06-01' },
        });
        expect(byName.Internal).toMatchObject({
          type: 'custom',
          baseUrl: 'https://llm.internal.example/v1',
        });
        expect(output).toContain('  channel #7 "Internal": not carried over: system prompt');
        expect(output).toContain('  channel #4 "PaLM": type 11 PaLM has no counterpart');
        const abilities = await storage.repositories.abilities.listForChannel(
          byName['OpenAI main']!.id,
        );
        expect(abilities.map((ability) => `${ability.groupName}/${ability.model}`)).toEqual([
          'default/gpt-4o',
          'default/gpt-4o-mini',
          'vip/gpt-4o',
          'vip/gpt-4o-mini',
        ]);
      });

      it('imports users with roles, quota, groups and inviters, and prices and settings', async () => {
        const users = storage.repositories.users;
        const root = (await users.findByUsername('root'))!;
        const alice = (await users.findByUsername('alice'))!;
        expect(root).toMatchObject({ role: 'root', displayName: 'Root User', inviteCode: 'RooT' });
        expect(alice).toMatchObject({
          role: 'user',
          status: 'enabled',
          quota: 800_000,
          usedQuota: 200_000,
          requestCount: 12,
          groupName: 'vip',
          email: 'alice@example.com',
          inviterId: root.id,
        });
        expect(await users.findByUsername('bob')).toMatchObject({ status: 'disabled' });
        expect(await users.findByUsername('carol')).toMatchObject({
          role: 'admin',
          passwordHash: null,
        });

        const options = storage.repositories.options;
        expect(await options.get('prices.models')).toEqual({
          'gpt-4o-mini': { modelRatio: 0.1, completionRatio: 4 },
          'my-model': { modelRatio: 1.5, completionRatio: 2 },
        });
        expect(await options.get('prices.groups')).toEqual({ vip: 0.8, svip: 0.5 });
        expect(await options.get('settings')).toEqual({
          systemName: 'My One API',
          newUserQuota: 1000,
          inviterQuota: 2000,
          inviteeQuota: 300,
        });

        const { items: logs } = await storage.repositories.logs.list({ type: 'consume' });
        expect(logs).toHaveLength(1);
        expect(logs[0]).toMatchObject({
          userId: alice.id,
          model: 'gpt-4o-mini',
          promptTokens: 100,
          completionTokens: 50,
          quota: 150,
          elapsedMs: 850,
          isStream: true,
          requestId: 'req-1',
        });
      });

      it('keeps every API key working through the gateway, with its quota', async () => {
        const gateway = await createTestGateway({}, { storage, keyEncryptionKey: kek });
        try {
          const as = (key: string, path: string) =>
            gateway.app.request(path, { headers: { authorization: `Bearer sk-${key}` } });
          const models = await as(TOKEN_KEYS.alice, '/v1/models');
          expect(models.status).toBe(200);
          const listed = (await models.json()) as { data: { id: string }[] };
          expect(listed.data.map((model) => model.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
          const limited = (await (await as(TOKEN_KEYS.aliceUnlimited, '/v1/models')).json()) as {
            data: { id: string }[];
          };
          expect(limited.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
          // Used 100,000 plus 500,000 left (below the owner's 800,000), at 500,000 a dollar.
          const billing = await as(TOKEN_KEYS.alice, '/v1/dashboard/billing/subscription');
          expect(((await billing.json()) as { hard_limit_usd: number }).hard_limit_usd).toBe(1.2);
          expect((await as(TOKEN_KEYS.aliceExpired, '/v1/models')).status).toBe(401);
          expect((await as(TOKEN_KEYS.bob, '/v1/models')).status).not.toBe(200);
          const unlimited = await storage.repositories.tokens.findById(
            (await storage.repositories.tokens.list({ search: 'ci' })).items[0]!.id,
          );
          expect(unlimited).toMatchObject({
            unlimitedQuota: true,
            usedQuota: 1234,
            keyPrefix: 'sk-A1ic',
          });

          const login = (password: string) =>
            gateway.app.request(
              '/api/auth/login',
              jsonRequest('POST', { username: 'alice', password }),
            );
          expect((await login(PASSWORDS.alice)).status).toBe(200);
          expect((await login('not-her-password')).status).toBe(401);
          // Her One API bcrypt hash was replaced by ours at that sign-in; the password still works.
          const alice = (await storage.repositories.users.findByUsername('alice'))!;
          expect(alice.passwordHash).toMatch(/^scrypt\$/);
          expect((await login(PASSWORDS.alice)).status).toBe(200);
        } finally {
          await gateway.close();
        }
      });

      it('keeps unused codes redeemable and used or disabled ones not', async () => {
        const bob = (await storage.repositories.users.findByUsername('bob'))!;
        expect(await redeemRechargeCode(storage, { code: CODES.unused, userId: bob.id })).toEqual({
          quota: 100_000,
        });
        for (const code of [CODES.used, CODES.disabled]) {
          await expect(redeemRechargeCode(storage, { code, userId: bob.id })).rejects.toMatchObject(
            {
              code: 'code_not_redeemable',
            },
          );
        }
      });

      it('imports nothing new on a second run, and a dry run then plans nothing', async () => {
        const count = async () => ({
          channels: (await storage.repositories.channels.listAll()).length,
          users: await storage.repositories.users.count(),
          tokens: (await storage.repositories.tokens.list({ limit: 500 })).items.length,
          logs: (await storage.repositories.logs.list({ limit: 500 })).items.length,
          codes: (await storage.repositories.redemptionCodes.list({ limit: 500 })).items.length,
          options: await storage.repositories.options.getAll(),
        });
        const before = await count();
        const again = await importOnce('--with-logs');
        expect(again).toContain('channels: 0 imported, 6 already here, 1 skipped');
        expect(again).toContain('users: 0 imported, 4 already here, 0 skipped');
        expect(again).toContain('tokens: 0 imported, 4 already here, 0 skipped');
        expect(again).toContain('redemption codes: 0 imported, 3 already here, 0 skipped');
        expect(again).toContain('logs: 0 imported, 0 already here, 0 skipped');
        expect(again).toContain('model prices: 0 imported, 2 already here, 0 skipped');
        expect(await count()).toEqual(before);

        // --logs-from reads the logs from another database (One API's LOG_SQL_DSN).
        const plan = await importOnce('--dry-run', '--logs-from', source.from);
        expect(plan[1]).toMatch(/^logs: (sqlite|mysql) database at /);
        expect(plan).toContain('logs: 0 to import, 0 already here, 0 skipped');
        expect(plan).toContain('channels: 0 to import, 6 already here, 1 skipped');
        expect(plan).toContain('settings: none to set');
        expect(await count()).toEqual(before);
        // The source is read from a copy: One API's file is left byte for byte.
        expect(fileHash()).toBe(sourceHash);
      });
    },
  );
}
