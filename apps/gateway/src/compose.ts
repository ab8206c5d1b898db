import type { CounterMetrics, CounterStore, Ledger, PriceTable } from '@oneapi/ledger';
import type { Router } from '@oneapi/router';
import type { Storage } from '@oneapi/storage';
import type { AlertNotifier } from './alerts/alert-notifier';
import type { TokenCache } from './auth/token-cache';
import type { RootState } from './bootstrap/ensure-root';
import type { ChangeBus } from './cluster/change-bus';
import type { InstanceLease } from './cluster/instance-lease';
import type { JobLock } from './cluster/job-lock';
import type { GatewayConfig } from './config';
import type { DatabaseWatch } from './health/watch-database';
import type { LookupHost } from './http/connect-guard';
import type { Logger } from './log/create-logger';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import type { ConcurrencyGate } from './middleware/concurrency-gate';
import type { ProviderRegistry } from './routing/provider-registry';
import type { StorageChannelSource } from './routing/storage-channel-source';
import type { KeyCipher } from './secrets/key-cipher';
import type { RelayTracer } from './tracing/relay-tracer';

/** Everything a request handler may use, built once at start by main.ts (or a test). */
export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly storage: Storage;
  readonly cipher: KeyCipher;
  /** Model prices and group ratios the ledger quotes from; editable while running. */
  readonly prices: PriceTable;
  /** Prices, reservations and settlement: every relay request is reserved, then settled or released. */
  readonly ledger: Ledger;
  /** The ledger's counters (reservations, recoveries, Redis fallbacks), for metrics. */
  readonly ledgerMetrics: CounterMetrics;
  /** RPM/TPM and per-IP limits: Redis-backed with a local fallback, or local only. */
  readonly rateLimiter: CounterStore;
  /** Relay requests in flight per API key (TOKEN_CONCURRENCY_LIMIT). */
  readonly tokenConcurrency: ConcurrencyGate;
  /** Tells every instance what an admin write made stale (local only without Redis). */
  readonly changes: ChangeBus;
  /** Which instance runs a background job this round (always this one without Redis). */
  readonly jobLock: JobLock;
  /** This run's lease in the database; a survivor recovers this run's holds once it lapses. */
  readonly instanceLease: InstanceLease;
  /** Stops the router's timers, ends the lease and closes Redis; the storage is the caller's. */
  readonly close: () => Promise<void>;
  /** Whether first-run setup is still open, and its one-time token. Changes once, at setup. */
  rootState: RootState;
  /** Whether the database answers pings; while it does not, relay requests get 503 at once. */
  readonly database: DatabaseWatch;
  /** Set on SIGTERM: readiness fails and new requests are refused while in-flight ones finish. */
  draining: boolean;
  /** The fetch every upstream call goes through (the router's and the passthrough relays'). */
  readonly upstreamFetch: typeof fetch;
  /** The adapters requests go through, as the operator's settings configure them. */
  readonly providers: ProviderRegistry;
  /** Resolves upstream host names: base URLs are checked with it when saved. */
  readonly lookupHost: LookupHost;
  /** Channel selection, failover and health over the channels in the database. */
  readonly router: Router;
  /** The router's view of the channels table; `router.reload()` after writing channels. */
  readonly channelSource: StorageChannelSource;
  /** Relay key lookups; cleared after admin writes to tokens or users. */
  readonly tokenCache: TokenCache;
  /** Prometheus metrics served at /metrics. */
  readonly metrics: GatewayMetrics;
  /** OpenTelemetry spans of relay requests and their upstream attempts; a no-op when off. */
  readonly tracer: RelayTracer;
  /** Alerts by email and signed webhook, sent in the background, once across instances. */
  readonly alerts: AlertNotifier;
  /** JSON logs with secrets redacted. */
  readonly logger: Logger;
}
