import type { GatewayServices } from '../compose';
import { createMailer, type SmtpOptions } from '../mail/create-mailer';
import { systemSettingsOf } from '../options/system-settings';
import { alertSettingsOf, smtpOptionsOf } from './alert-settings';
import { type Alert, toAlertEmail, toAlertPayload } from './alert-types';
import { DEFAULT_WEBHOOK_RETRY, sendWebhook, type WebhookRetry } from './send-webhook';

/** Who an alert's email goes to: the user it concerns, or every admin with an address. */
export type AlertAudience = { readonly userId: number } | 'admins';

export interface AlertNotifier {
  /**
   * Sends the alert by email and webhook as the settings say, in the background (never on a
   * request's path), at most once per `key` across every instance sharing the database.
   */
  notify(alert: Alert, options: { key: string; audience: AlertAudience }): void;
  /** Runs an alert check in the background; `idle` waits for it too. */
  runLater(check: () => Promise<void>, onError: (error: unknown) => void): void;
  /** Resolves when every alert asked for so far was sent or given up on (tests, shutdown). */
  idle(): Promise<void>;
}

type NotifierServices = Pick<GatewayServices, 'storage' | 'changes' | 'cipher' | 'logger'>;

export function createAlertNotifier(
  services: NotifierServices,
  retry: WebhookRetry = DEFAULT_WEBHOOK_RETRY,
): AlertNotifier {
  const pending = new Set<Promise<void>>();
  const { logger } = services;

  const deliver = async (
    alert: Alert,
    key: string,
    audience: AlertAudience,
    occurredAt: number,
  ) => {
    const settings = await alertSettingsOf(services).read();
    const smtp = settings.emailAlerts ? smtpOptionsOf(settings) : undefined;
    const byEmail = smtp !== undefined;
    const byWebhook =
      settings.webhookAlerts && settings.webhookUrl !== null && settings.webhookSecretSet;
    if (!byEmail && !byWebhook) return;
    // The once-only gate: of several instances seeing the same alert, one sends it.
    if (!(await services.storage.repositories.alertDeliveries.claim(key, alert.type))) return;
    const sends: Promise<void>[] = [];
    if (smtp) sends.push(sendAlertEmail(services, smtp, alert, audience));
    if (byWebhook)
      sends.push(
        sendWebhook(
          { url: settings.webhookUrl!, secret: settings.webhookSecret },
          toAlertPayload(alert, occurredAt),
          retry,
        ).then((result) => {
          if (!result.delivered)
            logger.warn({ alert: alert.type, key, error: result.error }, 'alert webhook failed');
        }),
      );
    await Promise.all(sends);
  };

  const track = (task: Promise<void>, onError: (error: unknown) => void) => {
    const running = task.catch(onError).finally(() => pending.delete(running));
    pending.add(running);
  };

  return {
    notify(alert, { key, audience }) {
      track(deliver(alert, key, audience, Date.now()), (error) => {
        logger.error({ alert: alert.type, key, err: String(error) }, 'alert not sent');
      });
    },
    runLater(check, onError) {
      track(check(), onError);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

/** Never rejects: a failed email is logged (without the password) and the webhook goes on. */
async function sendAlertEmail(
  services: NotifierServices,
  smtp: SmtpOptions,
  alert: Alert,
  audience: AlertAudience,
) {
  const mailer = createMailer(smtp);
  try {
    const recipients = await recipientsOf(services, audience);
    if (recipients.length === 0) return;
    const { systemName } = await systemSettingsOf(services).read();
    await mailer.send({ to: recipients, ...toAlertEmail(alert, systemName) });
  } catch (error) {
    const reason = String(error);
    services.logger.warn(
      { alert: alert.type, err: smtp.password ? reason.replaceAll(smtp.password, '***') : reason },
      'alert email failed',
    );
  } finally {
    mailer.close();
  }
}

async function recipientsOf(services: NotifierServices, audience: AlertAudience) {
  const { users } = services.storage.repositories;
  if (audience !== 'admins') {
    const user = await users.findById(audience.userId);
    return user?.email && user.status === 'enabled' ? [user.email] : [];
  }
  const admins = await Promise.all(
    (['root', 'admin'] as const).map((role) => users.list({ role, status: 'enabled', limit: 500 })),
  );
  return admins.flatMap((page) => page.items.flatMap((user) => (user.email ? [user.email] : [])));
}
