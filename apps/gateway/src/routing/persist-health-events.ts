import type { HealthEvent } from '@oneapi/router';
import type { Storage } from '@oneapi/storage';
import type { Logger } from '../log/create-logger';

/**
 * Writes the router's channel-level verdicts to the database, as One API's statuses:
 * all keys dead -> auto_disabled (with the reason), a passing test -> enabled again. Only
 * an `enabled` channel is auto-disabled and only an `auto_disabled` one re-enabled, so an
 * admin's manual disable is never undone. Breaker and key events stay in memory.
 */
export function createHealthEventWriter(
  storage: Storage,
  logger: Logger,
  /**
   * Called after a status was written, by the one instance whose write changed it: other
   * instances reload their channels, and the admins are alerted.
   */
  onStatusChanged: (event: HealthEvent) => Promise<void> = async () => {},
): (event: HealthEvent) => void {
  return (event) => {
    const write =
      event.type === 'channel_disabled'
        ? storage.repositories.channels.setStatus(
            event.channelId,
            {
              to: 'auto_disabled',
              from: ['enabled'],
              // What the upstream said of the last key (keys redacted), for the dashboard.
              reason: `every key retired; last: ${event.detail}`,
            },
            event.at,
          )
        : event.type === 'channel_enabled'
          ? storage.repositories.channels.setStatus(
              event.channelId,
              { to: 'enabled', from: ['auto_disabled'] },
              event.at,
            )
          : undefined;
    write
      ?.then((changed) => (changed ? onStatusChanged(event) : undefined))
      .catch((error: unknown) => {
        logger.error({ event: event.type, err: String(error) }, 'health event not saved');
      });
  };
}
