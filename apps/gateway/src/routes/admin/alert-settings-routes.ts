import { Hono } from 'hono';
import { z } from 'zod';
import {
  type AlertSettingsPatch,
  alertSettingsOf,
  alertSettingsPatch,
  alertSettingsSchema,
  smtpOptionsOf,
  toAlertSettingsView,
} from '../../alerts/alert-settings';
import { toAlertEmail, toAlertPayload } from '../../alerts/alert-types';
import { sendWebhook } from '../../alerts/send-webhook';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { createMailer } from '../../mail/create-mailer';
import { systemSettingsOf } from '../../options/system-settings';

/** What GET answers: the settings, the secrets only as whether they are set. */
export const alertSettingsView = alertSettingsSchema.extend({
  smtpPasswordSet: z.boolean(),
  webhookSecretSet: z.boolean(),
});

export const testEmailBody = z.strictObject({
  /** Where the test email goes. */
  to: z.email().max(255),
});

export const testDeliveryResult = z.object({
  /** The SMTP server's message id, for a test email. */
  messageId: z.string().optional(),
  /** The receiver's HTTP status, for a test webhook. */
  status: z.number().int().optional(),
});

/** The two secrets are never audited as values: only that they were set or cleared. */
const SECRET_FIELDS = new Set(['smtpPassword', 'webhookSecret']);

/**
 * Mail (SMTP) and alert settings, and a test button for each way out: root only (a webhook
 * URL may carry a token). The SMTP password and the webhook secret are write-only.
 */
export function createAlertSettingsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const settings = alertSettingsOf(services);

  app.get('/settings/alerts', async (c) => c.json(toAlertSettingsView(await settings.read())));

  app.patch('/settings/alerts', async (c) => {
    const patch = await parseBody(c, alertSettingsPatch);
    const before = toAlertSettingsView(await settings.read());
    const after = toAlertSettingsView(await settings.update(patch));
    const changed = Object.keys(patch) as (keyof AlertSettingsPatch)[];
    const shown = (view: Record<string, unknown>, name: string) =>
      SECRET_FIELDS.has(name) ? (view[`${name}Set`] ? 'set' : 'unset') : view[name];
    await recordAudit(services.storage.repositories, auditActorOf(c), {
      action: 'update',
      entityType: 'setting',
      entityId: changed.join(',').slice(0, 191),
      before: Object.fromEntries(changed.map((name) => [name, shown({ ...before }, name)])),
      after: Object.fromEntries(changed.map((name) => [name, shown({ ...after }, name)])),
    });
    return c.json(after);
  });

  app.post('/settings/alerts/test-email', async (c) => {
    const { to } = await parseBody(c, testEmailBody);
    const current = await settings.read();
    const smtp = smtpOptionsOf(current);
    if (!smtp)
      throw new GatewayError('invalid_request', 'smtpHost: set an SMTP server first', {
        param: 'smtpHost',
      });
    const { systemName } = await systemSettingsOf(services).read();
    const mailer = createMailer(smtp);
    try {
      const { messageId } = await mailer.send({
        to,
        ...toAlertEmail({ type: 'test' }, systemName),
      });
      return c.json({ messageId });
    } catch (error) {
      // The server's own words (a refused login, an unknown host) tell the operator what to fix.
      const reason = String((error as Error)?.message ?? error);
      throw new GatewayError(
        'upstream_error',
        `The SMTP server refused the test email: ${smtp.password ? reason.replaceAll(smtp.password, '***') : reason}`,
      );
    } finally {
      mailer.close();
    }
  });

  app.post('/settings/alerts/test-webhook', async (c) => {
    const current = await settings.read();
    if (!current.webhookUrl)
      throw new GatewayError('invalid_request', 'webhookUrl: set a webhook URL first', {
        param: 'webhookUrl',
      });
    if (!current.webhookSecretSet)
      throw new GatewayError('invalid_request', 'webhookSecret: set a signing secret first', {
        param: 'webhookSecret',
      });
    // One try: the operator is waiting for the answer, and retries would only hide it.
    const result = await sendWebhook(
      { url: current.webhookUrl, secret: current.webhookSecret },
      toAlertPayload({ type: 'test' }, Date.now()),
      { attempts: 1, baseDelayMs: 0 },
    );
    if (!result.delivered)
      throw new GatewayError('upstream_error', `The test webhook failed: ${result.error}`);
    return c.json({ status: result.status });
  });

  return app;
}
