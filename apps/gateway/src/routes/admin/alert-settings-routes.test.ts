import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV, signIn } from '../../testing/admin/admin-test-kit';
import { type SmtpSink, startSmtpSink } from '../../testing/alerts/start-smtp-sink';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/alerts/start-webhook-receiver';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const SMTP = { username: 'mailer', password: 'smtp-password-canary-41d8' };
const WEBHOOK_SECRET = 'webhook-secret-canary-93be';

describe('mail and alert settings', () => {
  let gateway: TestGateway;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  const patch = (body: unknown, headers: Record<string, string> = ROOT) =>
    fetch(`${gateway.url}/api/settings/alerts`, jsonRequest('PATCH', body, headers));
  const post = (path: string, body: unknown = {}) =>
    fetch(`${gateway.url}/api/settings/alerts/${path}`, jsonRequest('POST', body, ROOT));

  beforeAll(async () => {
    sink = await startSmtpSink(SMTP);
    receiver = await startWebhookReceiver(WEBHOOK_SECRET);
    gateway = await createTestGateway(ROOT_ENV);
    await gateway.listen();
  });
  afterAll(async () => {
    await gateway.close();
    await sink.close();
    await receiver.close();
  });

  it('stores the settings, shows the secrets only as set, and sends a test email', async () => {
    const saved = await patch({
      smtpHost: '127.0.0.1',
      smtpPort: sink.port,
      smtpSecurity: 'none',
      smtpUsername: SMTP.username,
      smtpPassword: SMTP.password,
      smtpFrom: 'Gateway <alerts@example.test>',
      webhookUrl: receiver.url,
      webhookSecret: WEBHOOK_SECRET,
    });
    expect(saved.status).toBe(200);
    const text = await saved.text();
    const read = await (
      await fetch(`${gateway.url}/api/settings/alerts`, { headers: ROOT })
    ).text();
    for (const answer of [text, read]) {
      expect(answer).not.toContain(SMTP.password);
      expect(answer).not.toContain(WEBHOOK_SECRET);
    }
    expect(JSON.parse(read)).toMatchObject({
      smtpHost: '127.0.0.1',
      smtpPort: sink.port,
      smtpPasswordSet: true,
      webhookSecretSet: true,
      webhookUrl: receiver.url,
    });
    // Nor in the audit trail, nor stored in the clear.
    const audit = await (await fetch(`${gateway.url}/api/audit-logs`, { headers: ROOT })).text();
    expect(audit).toContain('smtpPassword');
    expect(audit).not.toContain(SMTP.password);
    expect(audit).not.toContain(WEBHOOK_SECRET);
    const stored = JSON.stringify(await gateway.services.storage.repositories.options.getAll());
    expect(stored).not.toContain(SMTP.password);
    expect(stored).not.toContain(WEBHOOK_SECRET);

    const sent = await post('test-email', { to: 'operator@example.test' });
    expect(sent.status).toBe(200);
    const [mail] = await sink.waitForMails(1);
    expect(mail).toMatchObject({
      from: 'alerts@example.test',
      to: ['operator@example.test'],
      subject: '[oneapi] Test email',
      auth: SMTP,
    });
  });

  it('sends a signed test webhook', async () => {
    const sent = await post('test-webhook');
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ status: 200 });
    const [delivery] = await receiver.waitFor(1);
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.body).toMatchObject({ type: 'test' });
    expect(typeof delivery!.body.occurredAt).toBe('string');
  });

  it('reports what the SMTP server and the receiver said, without the secrets', async () => {
    expect((await patch({ smtpPassword: 'wrong-password-canary-77' })).status).toBe(200);
    const refused = await post('test-email', { to: 'operator@example.test' });
    expect(refused.status).toBe(502);
    const message = await refused.text();
    expect(message).toMatch(/Invalid username or password/);
    expect(message).not.toContain('wrong-password-canary-77');

    const down = await startWebhookReceiver(WEBHOOK_SECRET, [500]);
    await patch({ webhookUrl: down.url });
    const failed = await post('test-webhook');
    expect(failed.status).toBe(502);
    expect(await failed.text()).toMatch(/HTTP 500/);
    await down.close();
  });

  it('refuses bad input, and anyone but root', async () => {
    expect((await patch({ smtpPort: 0 })).status).toBe(400);
    expect((await patch({ webhookUrl: 'ftp://example.test' })).status).toBe(400);
    expect((await patch({ webhookSecret: 'short' })).status).toBe(400);
    expect((await patch({ unknown: true })).status).toBe(400);
    expect((await post('test-email', { to: 'not an address' })).status).toBe(400);

    await patch({ smtpHost: '' });
    const unset = await post('test-email', { to: 'operator@example.test' });
    expect(unset.status).toBe(400);
    expect(((await unset.json()) as { error: { param: string } }).error.param).toBe('smtpHost');

    const created = await fetch(
      `${gateway.url}/api/users`,
      jsonRequest('POST', { username: 'helper', password: 'helper-password', role: 'admin' }, ROOT),
    );
    expect(created.status).toBe(201);
    const admin = await signIn(gateway.url, 'helper', 'helper-password');
    expect((await fetch(`${gateway.url}/api/settings/alerts`, { headers: admin })).status).toBe(
      403,
    );
    expect((await patch({ emailAlerts: true }, admin)).status).toBe(403);
  });
});
