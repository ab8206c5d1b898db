import type { HealthEvent } from '@oneapi/router';
import type { GatewayServices } from '../compose';
import { alertSettingsOf } from './alert-settings';

/**
 * Tells the admins that health disabled or re-enabled a channel. Called only by the instance
 * whose status write changed the row (persist-health-events.ts), and keyed by the event's
 * time, so each transition is told once.
 */
export async function notifyChannelStatus(
  services: Pick<GatewayServices, 'storage' | 'changes' | 'cipher' | 'alerts'>,
  event: HealthEvent,
): Promise<void> {
  if (event.type !== 'channel_disabled' && event.type !== 'channel_enabled') return;
  const settings = await alertSettingsOf(services).read();
  if (!settings.channelAlertsEnabled) return;
  const channel = await services.storage.repositories.channels.findById(event.channelId);
  const channelName = channel?.name ?? `#${event.channelId}`;
  const key = `${event.type}:channel:${event.channelId}:${event.at}`;
  services.alerts.notify(
    event.type === 'channel_disabled'
      ? {
          type: 'channel_disabled',
          channelId: event.channelId,
          channelName,
          reason: channel?.statusReason ?? event.detail,
        }
      : { type: 'channel_enabled', channelId: event.channelId, channelName },
    { key, audience: 'admins' },
  );
}
