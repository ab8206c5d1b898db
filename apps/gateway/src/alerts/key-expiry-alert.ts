import type { GatewayServices } from '../compose';
import { alertSettingsOf } from './alert-settings';

const DAY_MS = 86_400_000;

/**
 * The periodic check for keys about to expire: each enabled key expiring within
 * `keyExpiryDays` is told to its owner once per expiry date (a key extended later is told
 * again when its new date comes near).
 */
export async function checkExpiringKeys(
  services: Pick<GatewayServices, 'storage' | 'changes' | 'cipher' | 'alerts'>,
  now = Date.now(),
): Promise<void> {
  const settings = await alertSettingsOf(services).read();
  if (!settings.keyExpiryAlertEnabled || !(settings.emailAlerts || settings.webhookAlerts)) return;
  const expiring = await services.storage.repositories.tokens.listExpiring(
    now,
    now + settings.keyExpiryDays * DAY_MS,
  );
  for (const token of expiring) {
    services.alerts.notify(
      {
        type: 'key_expiring',
        userId: token.userId,
        tokenId: token.id,
        tokenName: token.name,
        expiresAt: token.expiresAt!,
      },
      {
        key: `key_expiring:token:${token.id}:${token.expiresAt}`,
        audience: { userId: token.userId },
      },
    );
  }
}
