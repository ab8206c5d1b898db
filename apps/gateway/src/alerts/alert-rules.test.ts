import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  ROOT,
  ROOT_ENV,
  startOpenAIUpstream,
} from '../testing/admin/admin-test-kit';
import { type SmtpSink, startSmtpSink } from '../testing/alerts/start-smtp-sink';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../testing/alerts/start-webhook-receiver';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { createAlertNotifier } from './alert-notifier';
import { checkExpiringKeys } from './key-expiry-alert';

const WEBHOOK_SECRET = 'rules-webhook-secret-0c2f';

describe('alert rules', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  const webhooksOf = (type: string) =>
    receiver.received.filter((delivery) => delivery.body.type === type);
  const mailsTo = (address: string) => sink.mails.filter((mail) => mail.to.includes(address));
  const settle = async () => {
    // The checks run after the answer: wait for settlement, then for the checks and sends
    // it started (one turn of the event loop lets the settlement's continuation start them).
    await gateway.services.ledger.idle();
    await new Promise((resolve) => setImmediate(resolve));
    await gateway.services.alerts.idle();
  };

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver(WEBHOOK_SECRET);
    gateway = await createTestGateway(ROOT_ENV);
    await gateway.listen();
    const saved = await fetch(
      `${gateway.url}/api/settings/alerts`,
      jsonRequest(
        'PATCH',
        {
          smtpHost: '127.0.0.1',
          smtpPort: sink.port,
          smtpSecurity: 'none',
          smtpFrom: 'alerts@example.test',
          webhookUrl: receiver.url,
          webhookSecret: WEBHOOK_SECRET,
          emailAlerts: true,
          webhookAlerts: true,
          channelAlertsEnabled: true,
        },
        ROOT,
      ),
    );
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
    await sink.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    sink.mails.length = 0;
  });

  it('emails a user whose quota a relay request took below the threshold, once until topped up', async () => {
    await createOpenAIChannel(gateway.url, upstream);
    const user = await createUserWithKey(gateway.url, {
      username: 'spender',
      password: 'spender-password',
      quota: 1_000_000,
    });
    await gateway.services.storage.repositories.users.update(user.id, {
      email: 'spender@example.test',
    });
    const quotaOf = async () =>
      (await gateway.services.storage.repositories.users.findById(user.id))!.quota;

    // The first request tells what one costs; the threshold is set halfway into the next.
    expect((await chat(gateway.url, user.apiKey)).status).toBe(200);
    await settle();
    const cost = 1_000_000 - (await quotaOf());
    expect(cost).toBeGreaterThan(0);
    const threshold = (await quotaOf()) - Math.floor(cost / 2);
    await fetch(
      `${gateway.url}/api/settings/alerts`,
      jsonRequest('PATCH', { quotaAlertEnabled: true, quotaAlertThreshold: threshold }, ROOT),
    );
    expect(mailsTo('spender@example.test')).toHaveLength(0);

    expect((await chat(gateway.url, user.apiKey)).status).toBe(200);
    await settle();
    const [mail] = mailsTo('spender@example.test');
    expect(mail!.subject).toBe('[oneapi] Your quota is running low');
    expect(mail!.text).toContain(String(await quotaOf()));
    const [hook] = webhooksOf('quota_low');
    expect(hook!.signatureValid).toBe(true);
    expect(hook!.body).toMatchObject({ type: 'quota_low', userId: user.id, threshold });

    // Still below: not told again.
    expect((await chat(gateway.url, user.apiKey)).status).toBe(200);
    await settle();
    expect(mailsTo('spender@example.test')).toHaveLength(1);
    expect(webhooksOf('quota_low')).toHaveLength(1);

    // Topped up to the threshold exactly: re-armed; the next request below it is told again.
    const topUp = threshold - (await quotaOf());
    const credited = await fetch(
      `${gateway.url}/api/users/${user.id}/quota`,
      jsonRequest(
        'POST',
        { amount: topUp, idempotencyKey: 'rearm-quota-alert', reason: 'test' },
        ROOT,
      ),
    );
    expect(credited.status).toBe(201);
    await settle();
    expect(mailsTo('spender@example.test')).toHaveLength(1);
    expect((await chat(gateway.url, user.apiKey)).status).toBe(200);
    await settle();
    expect(mailsTo('spender@example.test')).toHaveLength(2);
    expect(webhooksOf('quota_low')).toHaveLength(2);
  });

  it('tells the admins when health disables a channel', async () => {
    const rootUser = (await gateway.services.storage.repositories.users.findByUsername('root'))!;
    await gateway.services.storage.repositories.users.update(rootUser.id, {
      email: 'root@example.test',
    });
    // A key the upstream refuses: the only key retired, the channel auto-disabled.
    const { id } = await createOpenAIChannel(gateway.url, upstream, {
      name: 'revoked',
      key: 'sk-revoked-key',
      models: ['gpt-4o'],
    });
    const user = await createUserWithKey(gateway.url, {
      username: 'caller',
      password: 'caller-password',
      quota: 1_000_000,
    });
    expect((await chat(gateway.url, user.apiKey, 'gpt-4o')).status).not.toBe(200);
    await receiver.waitFor(1);
    await gateway.services.alerts.idle();

    const channel = await gateway.services.storage.repositories.channels.findById(id);
    expect(channel!.status).toBe('auto_disabled');
    const [hook] = webhooksOf('channel_disabled');
    expect(hook!.signatureValid).toBe(true);
    expect(hook!.body).toMatchObject({
      type: 'channel_disabled',
      channelId: id,
      channelName: 'revoked',
    });
    expect(JSON.stringify(hook!.body)).not.toContain('sk-revoked-key');
    const [mail] = mailsTo('root@example.test');
    expect(mail!.subject).toBe(`[oneapi] Channel "revoked" (#${id}) was disabled`);
    expect(mail!.text).not.toContain('sk-revoked-key');
  });

  it('reminds the owner of a key about to expire, once per expiry', async () => {
    await fetch(
      `${gateway.url}/api/settings/alerts`,
      jsonRequest('PATCH', { keyExpiryAlertEnabled: true, keyExpiryDays: 3 }, ROOT),
    );
    const owner = await createUserWithKey(gateway.url, {
      username: 'owner',
      password: 'owner-password',
    });
    const { users, tokens } = gateway.services.storage.repositories;
    await users.update(owner.id, { email: 'owner@example.test' });
    const token = await tokens.create({
      userId: owner.id,
      name: 'nightly-batch',
      keyHash: 'hash-of-expiring-key',
      keyPrefix: 'sk-exp',
      expiresAt: Date.now() + 86_400_000,
    });
    await checkExpiringKeys(gateway.services);
    await checkExpiringKeys(gateway.services);
    await gateway.services.alerts.idle();
    const mails = mailsTo('owner@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('[oneapi] Your API key "nightly-batch" expires soon');
    expect(webhooksOf('key_expiring').map((hook) => hook.body.tokenId)).toEqual([token.id]);
  });

  it('sends one alert once however many instances notice it', async () => {
    const other = createAlertNotifier(gateway.services);
    const alert = { type: 'test' } as const;
    for (const notifier of [gateway.services.alerts, other, gateway.services.alerts, other])
      notifier.notify(alert, { key: 'test:once-only', audience: 'admins' });
    await Promise.all([gateway.services.alerts.idle(), other.idle()]);
    expect(webhooksOf('test')).toHaveLength(1);
    expect(sink.mails.filter((mail) => mail.subject.includes('Test email'))).toHaveLength(1);
  });
});
