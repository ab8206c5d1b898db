import type { GatewayServices } from '../compose';
import { systemSettingsOf } from './system-settings';

/**
 * Puts the retry and routing settings into the router: at start, and after every settings
 * change on any instance. Unset values fall back to the environment (RETRY_TIMES,
 * RELAY_TIMEOUT), so a fresh install behaves as configured.
 */
export async function applyRoutingSettings(
  services: Pick<GatewayServices, 'storage' | 'changes' | 'router' | 'config' | 'logger'>,
): Promise<void> {
  const settings = await systemSettingsOf(services).read();
  await services.router.tune({
    maxRetries: settings.retryTimes ?? services.config.maxRetries,
    strategy: settings.routingStrategy,
    sticky: settings.stickySessions,
    timeouts: {
      firstByteMs:
        (settings.firstByteTimeoutSeconds ?? services.config.relayTimeoutMs / 1000) * 1000,
    },
  });
}

/** Applies the settings now and keeps applying them as they change. */
export async function followRoutingSettings(
  services: Pick<GatewayServices, 'storage' | 'changes' | 'router' | 'config' | 'logger'>,
): Promise<void> {
  await applyRoutingSettings(services);
  // Subscribed after the settings store (created by the read above), so it reads fresh values.
  services.changes.subscribe('options', () =>
    applyRoutingSettings(services).catch((error: unknown) => {
      services.logger.error({ err: String(error) }, 'routing settings not applied');
    }),
  );
}
