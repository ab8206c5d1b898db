import type { CounterMetrics } from '@oneapi/ledger';
import type { Router } from '@oneapi/router';
import type { Storage } from '@oneapi/storage';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface RelayObservation {
  readonly model: string;
  readonly channelId: number | null;
  readonly status: number;
  readonly stream: boolean;
  readonly durationMs: number;
  readonly firstTokenMs?: number;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly errorClass?: string;
}

export interface GatewayMetrics {
  readonly registry: Registry;
  observeRelay(observation: RelayObservation): void;
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

/**
 * Prometheus metrics for /metrics: relay requests, latency and time to first token per
 * model and channel, upstream errors by class, tokens, and, read at scrape time, the
 * ledger's counters, open reservations and the router's breaker states. Labels never carry
 * a key, a user or a token id, so cardinality stays bounded by models and channels.
 */
export function createGatewayMetrics(deps: {
  readonly storage: Storage;
  readonly router: Router;
  readonly ledgerMetrics: CounterMetrics;
}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'oneapi_process_' });
  const labelNames = ['model', 'channel', 'status', 'stream'] as const;
  const requests = new Counter({
    name: 'oneapi_relay_requests_total',
    help: 'Relay requests by model, channel and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'oneapi_relay_duration_seconds',
    help: 'Whole relay request duration',
    labelNames: ['model', 'channel', 'stream'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const firstToken = new Histogram({
    name: 'oneapi_relay_time_to_first_token_seconds',
    help: 'Time to the first streamed event',
    labelNames: ['model', 'channel'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const upstreamErrors = new Counter({
    name: 'oneapi_upstream_errors_total',
    help: 'Failed relay requests by error class',
    labelNames: ['class'],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'oneapi_tokens_total',
    help: 'Prompt and completion tokens relayed',
    labelNames: ['model', 'kind'],
    registers: [registry],
  });
  new Gauge({
    name: 'oneapi_reservations_open',
    help: 'Quota reservations not yet settled or released',
    registers: [registry],
    async collect() {
      this.set(await deps.storage.repositories.quotaReservations.countOpen());
    },
  });
  new Gauge({
    name: 'oneapi_ledger_events_total',
    help: "The ledger's counters (reservations, recoveries, Redis fallbacks, codes redeemed)",
    labelNames: ['event'],
    registers: [registry],
    collect() {
      for (const [event, value] of Object.entries(deps.ledgerMetrics.snapshot()))
        this.set({ event }, value);
    },
  });
  new Counter({
    name: 'oneapi_database_statements_total',
    help: 'Statements sent to the database (BEGIN and COMMIT included): on MySQL and PostgreSQL, round trips',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.storage.statementCount());
    },
  });
  new Gauge({
    name: 'oneapi_channel_breaker_open',
    help: '1 when a channel is ejected by its circuit breaker',
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      this.reset();
      for (const channel of deps.router.healthSnapshot()) {
        this.set({ channel: String(channel.channelId) }, channel.breaker === 'open' ? 1 : 0);
      }
    },
  });

  return {
    registry,
    observeRelay(observation) {
      const channel = observation.channelId === null ? 'none' : String(observation.channelId);
      const stream = String(observation.stream);
      requests.inc({
        model: observation.model,
        channel,
        status: String(observation.status),
        stream,
      });
      duration.observe(
        { model: observation.model, channel, stream },
        observation.durationMs / 1000,
      );
      if (observation.firstTokenMs !== undefined) {
        firstToken.observe({ model: observation.model, channel }, observation.firstTokenMs / 1000);
      }
      if (observation.errorClass) upstreamErrors.inc({ class: observation.errorClass });
      if (observation.promptTokens)
        tokens.inc({ model: observation.model, kind: 'prompt' }, observation.promptTokens);
      if (observation.completionTokens) {
        tokens.inc({ model: observation.model, kind: 'completion' }, observation.completionTokens);
      }
    },
  };
}
