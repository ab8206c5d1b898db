import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, startWebhookReceiver } from './alert-sinks';
import { browserRequired, browserSuiteTitle, hasBrowser, setUpRoot, useDashboard } from './harness';

const ROOT_PASSWORD = 'root-password-alerts';
const SMTP = { username: 'gateway-mailer', password: 'smtp-password-e2e-5d21' };
const WEBHOOK_SECRET = 'webhook-secret-e2e-8a4c6f';

// Issue 18 item 4: mail and webhook set up in Settings; both test buttons deliver, the mail
// to a real SMTP server and the webhook, signed, to a receiver that checks the signature.
describe.skipIf(!hasBrowser && !browserRequired)(
  browserSuiteTitle('alerts by email and signed webhook in a real browser'),
  () => {
    const dashboard = useDashboard();
    const { openNav, screenshot, cspViolations } = dashboard;
    let page: Page;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

    beforeAll(async () => {
      sink = await startSmtpSink(SMTP);
      receiver = await startWebhookReceiver(WEBHOOK_SECRET);
      ({ page } = dashboard);
      await setUpRoot(dashboard, ROOT_PASSWORD);
    });
    afterAll(async () => {
      await sink?.close();
      await receiver?.close();
    });

    it('saves SMTP and webhook settings, and both test buttons deliver', async () => {
      await openNav('Settings');
      const form = page.getByRole('form', { name: 'Mail and alert settings' });
      await form.getByLabel('SMTP host', { exact: true }).fill('127.0.0.1');
      await form.getByLabel('Port', { exact: true }).fill(String(sink.port));
      await form.getByLabel('Security', { exact: true }).selectOption('none');
      await form.getByLabel('From', { exact: true }).fill('Gateway <alerts@example.test>');
      await form.getByLabel('Username', { exact: true }).fill(SMTP.username);
      await form.getByLabel('Password', { exact: true }).fill(SMTP.password);
      await form.getByLabel('Webhook URL', { exact: true }).fill(receiver.url);
      await form.getByLabel('Webhook signing secret', { exact: true }).fill(WEBHOOK_SECRET);
      await form.getByLabel('Send alerts by email', { exact: false }).check();
      await form.getByLabel('POST alerts to the webhook', { exact: false }).check();
      await form.getByRole('button', { name: 'Save mail and alerts' }).click();
      await form.getByText('Mail and alert settings saved.').waitFor();
      // The secrets are write-only: the fields come back empty, marked as set.
      expect(await form.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(await form.getByText('Set; leave empty to keep it').count()).toBe(2);

      await page.getByLabel('Test email recipient').fill('operator@example.test');
      await page.getByRole('button', { name: 'Send test email' }).click();
      await page
        .getByText('Test email accepted by the server for operator@example.test.')
        .waitFor();
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]).toMatchObject({
        from: 'alerts@example.test',
        to: ['operator@example.test'],
      });
      expect(sink.mails[0]!.raw).toContain('Subject: [oneapi] Test email');

      await page.getByRole('button', { name: 'Send test webhook' }).click();
      await page.getByText('Test webhook delivered: the receiver answered 204.').waitFor();
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.signatureValid).toBe(true);
      expect(receiver.received[0]!.body).toMatchObject({ type: 'test' });
      await screenshot('settings-alerts');
    });

    it('shows the server’s refusal of a wrong SMTP password', async () => {
      const form = page.getByRole('form', { name: 'Mail and alert settings' });
      await form.getByLabel('Password', { exact: true }).fill('a-wrong-password');
      await form.getByRole('button', { name: 'Save mail and alerts' }).click();
      await form.getByText('Mail and alert settings saved.').waitFor();
      await page.getByRole('button', { name: 'Send test email' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'refused the test email' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('(502)');
      expect(await refusal.textContent()).not.toContain('a-wrong-password');
      expect(sink.mails).toHaveLength(1);
      expect(cspViolations).toEqual([]);
    });
  },
);
