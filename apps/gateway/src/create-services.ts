import { getProvider } from '@oneapi/adapters';
import { createLedger, createPriceTable } from '@oneapi/ledger';
import { createRouter } from '@oneapi/router';
import type { Storage } from '@oneapi/storage';
import { createTokenCache } from './auth/token-cache';
import { ensureRoot } from './bootstrap/ensure-root';
import type { GatewayServices } from './compose';
import type { GatewayConfig } from './config';
import { createHealthEventWriter } from './routing/persist-health-events';
import { createStorageChannelSource } from './routing/storage-channel-source';
import { createKeyCipher } from './secrets/key-cipher';

/** Wires the packages into the services the routes use; main.ts and tests share it. */
export async function createServices(options: {
  readonly config: GatewayConfig;
  readonly storage: Storage;
  readonly keyEncryptionKey: Buffer;
  readonly fetch?: typeof fetch;
}): Promise<GatewayServices> {
  const { config, storage } = options;
  const cipher = createKeyCipher(options.keyEncryptionKey);
  const channelSource = createStorageChannelSource(storage, cipher);
  const router = createRouter({
    source: channelSource,
    adapters: { getProvider },
    ...(options.fetch && { fetch: options.fetch }),
    policy: {
      timeouts: {
        firstByteMs: config.relayTimeoutMs,
        idleMs: config.streamIdleTimeoutMs,
        totalMs: Math.max(config.relayTimeoutMs, 600_000),
      },
    },
    onHealthEvent: createHealthEventWriter(storage),
  });
  // Load the channels now, not on the first request.
  await router.reload();
  return {
    config,
    storage,
    cipher,
    ledger: createLedger({ store: storage, prices: createPriceTable() }),
    router,
    channelSource,
    tokenCache: createTokenCache(storage),
    rootState: await ensureRoot(storage, config),
    draining: false,
  };
}
