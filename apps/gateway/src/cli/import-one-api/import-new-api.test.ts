import { randomBytes } from 'node:crypto';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelKeys } from '../../routes/admin/channel-keys';
import { hashSecret } from '../../secrets/hash-secret';
import { createKeyCipher } from '../../secrets/key-cipher';
import { createTempDatabase, createTestIo } from '../../testing/cli/create-test-cli';
import { SOURCE_DIALECTS } from '../../testing/import-one-api/source-dialects';
import {
  createSourceDatabase,
  type SourceFixture,
} from '../../testing/import-one-api/source-fixture';
import { CODES, newApiRows, TOKEN_KEYS } from '../../testing/import-one-api/source-rows';
import { runCli } from '../run-cli';

for (const { dialect, adminDsn, skipReason } of SOURCE_DIALECTS) {
  const title = `import-one-api from a new-api database on ${dialect}`;
  describe.skipIf(skipReason !== undefined)(
    skipReason ? `${title} (skipped: ${skipReason})` : title,
    () => {
      const kek = randomBytes(32);
      const cipher = createKeyCipher(kek);
      let source: SourceFixture;
      let target: ReturnType<typeof createTempDatabase>;
      let storage: Storage | undefined;
      const run = async (...args: string[]) => {
        const io = createTestIo({
          SQLITE_PATH: target.sqlitePath,
          KEY_ENCRYPTION_KEY: kek.toString('hex'),
        });
        const status = await runCli(['import-one-api', '--from', source.from, ...args], io);
        expect(io.errors).toEqual([]);
        expect(status).toBe(0);
        return io.output;
      };

      beforeAll(async () => {
        source = await createSourceDatabase('new-api', newApiRows(), adminDsn);
        target = createTempDatabase();
      });
      afterAll(async () => {
        await storage?.close();
        await source.dispose();
        target.dispose();
      });

      it('reads the type ids as renumbered when told the source is One API', async () => {
        const plan = await run('--dry-run', '--source-kind', 'one-api');
        expect(plan[0]).toContain('read as one-api (--source-kind)');
        // One API's 36 is DeepSeek and 41 Novita; its 43 (Proxy) has no counterpart.
        expect(plan).toContain('channel types with no counterpart, not imported: 43 Proxy (1)');
      });

      it('detects new-api and maps its channel type ids, keys and settings', async () => {
        const output = await run();
        expect(output[0]).toContain('read as new-api (detected: tokens.model_limits_enabled)');
        expect(output).toContain('channel types with no counterpart, not imported: 36 SunoAPI (1)');
        expect(output).toContain('users: 1 imported, 0 already here, 1 skipped');
        storage = await createStorage({ sqlitePath: target.sqlitePath });
        const channels = await storage.repositories.channels.listAll();
        const byName = Object.fromEntries(channels.map((channel) => [channel.name, channel]));
        const keysOf = (name: string) => openChannelKeys(cipher, byName[name]!.keyCiphertext);
        expect(Object.keys(byName).sort()).toEqual(['AWS', 'DeepSeek', 'Pool', 'Vertex']);
        expect(byName.DeepSeek?.type).toBe('deepseek');
        expect(byName.AWS).toMatchObject({ type: 'bedrock', config: { region: 'us-west-2' } });
        expect(keysOf('AWS')).toEqual(['AKIANEW:new-secret']);
        expect(byName.Vertex).toMatchObject({ type: 'vertex', config: { region: 'us-central1' } });
        expect(JSON.parse(keysOf('Vertex')[0]!)).toMatchObject({ project_id: 'my-project' });
        // Key 2 of 3 was disabled in new-api (multi_key_status_list).
        expect(byName.Pool).toMatchObject({ type: 'openai', tag: 'pool' });
        expect(keysOf('Pool')).toEqual(['k1', 'k3']);
      });

      it('maps model limits and IP allowlists, skips soft-deleted rows and keeps who redeemed', async () => {
        const token = await storage!.repositories.tokens.findByKeyHash(
          hashSecret(`sk-${TOKEN_KEYS.newApi}`),
        );
        expect(token).toMatchObject({
          allowedModels: ['deepseek-chat', 'gpt-4o-mini'],
          allowedIps: ['10.0.0.0/8', '192.168.1.1'],
          remainQuota: 1000,
          groupName: null,
        });
        expect(
          await storage!.repositories.tokens.findByKeyHash(hashSecret(`sk-${TOKEN_KEYS.deleted}`)),
        ).toBeUndefined();
        expect(await storage!.repositories.users.findByUsername('dave')).toBeUndefined();
        const root = (await storage!.repositories.users.findByUsername('root'))!;
        const { items } = await storage!.repositories.redemptionCodes.list();
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ status: 'redeemed', redeemedBy: root.id, quota: 7 });
        expect(CODES.used).toHaveLength(32);
      });
    },
  );
}
