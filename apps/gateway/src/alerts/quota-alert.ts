import type { GatewayServices } from '../compose';
import { alertSettingsOf } from './alert-settings';

const quotaAlertKey = (userId: number) => `quota_low:user:${userId}`;

type QuotaAlertServices = Pick<GatewayServices, 'storage' | 'changes' | 'cipher' | 'alerts'>;

/**
 * Runs `checkQuotaAlert` without holding the caller: after every charge (relay settlement)
 * and every top-up (admin, recharge code), so the alert both fires and re-arms.
 */
export function checkQuotaAlertLater(
  services: QuotaAlertServices & Pick<GatewayServices, 'logger'>,
  userId: number,
): void {
  services.alerts.runLater(
    () => checkQuotaAlert(services, userId),
    (error) => services.logger.error({ userId, err: String(error) }, 'quota alert check failed'),
  );
}

/**
 * One API's quota reminder: after a charge, a user whose remaining quota is below the
 * threshold is told once; once topped up to the threshold or above, the alert is re-armed
 * (its delivery row forgotten) so the next fall below it is told again.
 */
export async function checkQuotaAlert(services: QuotaAlertServices, userId: number): Promise<void> {
  const settings = await alertSettingsOf(services).read();
  if (!settings.quotaAlertEnabled || !(settings.emailAlerts || settings.webhookAlerts)) return;
  const { users, alertDeliveries } = services.storage.repositories;
  const user = await users.findById(userId);
  if (!user) return;
  const key = quotaAlertKey(userId);
  if (user.quota < settings.quotaAlertThreshold) {
    services.alerts.notify(
      {
        type: 'quota_low',
        userId,
        username: user.username,
        quota: user.quota,
        threshold: settings.quotaAlertThreshold,
      },
      { key, audience: { userId } },
    );
  } else if (await alertDeliveries.has(key)) {
    // A read first: most checks find nothing to re-arm, and a read costs no write lock.
    await alertDeliveries.forget(key);
  }
}
