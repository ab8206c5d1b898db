import type { Attempt } from '@oneapi/router';

/** How traces are exported; `undefined` in the config when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL (`<endpoint>/v1/traces`, or the traces endpoint as given). */
  readonly tracesUrl: string;
  /** Sent with every export (OTEL_EXPORTER_OTLP_HEADERS). */
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  /** Milliseconds between batch exports (OTEL_BSP_SCHEDULE_DELAY). */
  readonly exportDelayMs: number;
  /** The operator opted in to prompt text in spans (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT). */
  readonly captureContent: boolean;
}

/** What is known of a relay request when it is admitted. */
export interface RelayTraceStart {
  /** GenAI `gen_ai.operation.name`: `chat`, `embeddings`, `text_completion`, ... */
  readonly operation: string;
  readonly model: string;
  readonly stream: boolean;
  readonly requestId: string;
  /** The caller's messages or input; called only when the operator opted in to content. */
  readonly input?: () => unknown;
}

/** How a relay request ended. */
export interface RelayTraceEnd {
  /** The status the caller got (or the error status of a stream that failed after output). */
  readonly status: number;
  /** The router's attempt trail: one span per upstream try. */
  readonly attempts: readonly Attempt[];
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
  readonly responseModel?: string;
  readonly finishReasons?: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
}

export interface RelayTrace {
  /** Ends the request's span and writes one span per attempt; later calls do nothing. */
  end(result: RelayTraceEnd): void;
}

export interface RelayTracer {
  start(info: RelayTraceStart): RelayTrace;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

const NO_TRACE: RelayTrace = { end() {} };

/** Tracing off: nothing recorded, nothing loaded. */
export const NO_TRACING: RelayTracer = {
  start: () => NO_TRACE,
  shutdown: async () => {},
};

/**
 * The OpenTelemetry tracer when tracing is configured, else NO_TRACING. The SDK is imported
 * only here and only then, so a gateway without OTEL_EXPORTER_OTLP_ENDPOINT never loads it.
 */
export async function createRelayTracer(config: TracingConfig | undefined): Promise<RelayTracer> {
  if (!config) return NO_TRACING;
  const { createOtelRelayTracer } = await import('./otel-relay-tracer');
  return createOtelRelayTracer(config);
}
