import { randomBytes } from 'node:crypto';
import type { Storage } from '@oneapi/storage';
import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../testing/admin/admin-test-kit';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../testing/alerts/start-webhook-receiver';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { checkExpiringKeys } from './key-expiry-alert';

const SECRET = 'multi-instance-webhook-secret';

// Two gateways on one database, each running the hourly expiry check at the same moment:
// the key's owner is told once, on every dialect.
for (const database of listTestDatabases()) {
  describe.skipIf(database.skipReason !== undefined)(
    `alerts from two instances [${database.dialect}]${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      let storage: TestStorage;
      let secondPool: Storage;
      let receiver: WebhookReceiver;
      let a: TestGateway;
      let b: TestGateway;

      beforeAll(async () => {
        receiver = await startWebhookReceiver(SECRET);
        storage = await database.create();
        await storage.migrate();
        secondPool = await storage.connectAgain();
        const keyEncryptionKey = randomBytes(32);
        a = await createTestGateway(ROOT_ENV, { storage, keyEncryptionKey });
        b = await createTestGateway(ROOT_ENV, { storage: secondPool, keyEncryptionKey });
        await a.listen();
        const saved = await fetch(
          `${a.url}/api/settings/alerts`,
          jsonRequest(
            'PATCH',
            {
              webhookUrl: receiver.url,
              webhookSecret: SECRET,
              webhookAlerts: true,
              keyExpiryAlertEnabled: true,
              keyExpiryDays: 2,
            },
            ROOT,
          ),
        );
        expect(saved.status).toBe(200);
      });
      afterAll(async () => {
        await a?.close();
        await b?.close();
        await secondPool?.close();
        await storage?.dispose();
        await receiver?.close();
      });

      it('sends each key expiry reminder once', async () => {
        const root = (await storage.repositories.users.findByUsername('root'))!;
        const expiresAt = Date.now() + 86_400_000;
        const tokens = await Promise.all(
          ['first', 'second', 'third'].map((name) =>
            storage.repositories.tokens.create({
              userId: root.id,
              name,
              keyHash: `hash-${name}-${randomBytes(4).toString('hex')}`,
              keyPrefix: 'sk-mi',
              expiresAt,
            }),
          ),
        );
        await Promise.all([
          checkExpiringKeys(a.services),
          checkExpiringKeys(b.services),
          checkExpiringKeys(a.services),
        ]);
        await Promise.all([a.services.alerts.idle(), b.services.alerts.idle()]);
        const told = receiver.received.map((delivery) => delivery.body.tokenId).sort();
        expect(told).toEqual(tokens.map((token) => token.id).sort());
        expect(receiver.received.every((delivery) => delivery.signatureValid)).toBe(true);
      });
    },
  );
}
