import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { gatewayVersion } from '../cli/version-command';
import {
  attemptAttributes,
  requestEndAttributes,
  requestStartAttributes,
} from './genai-attributes';
import type { RelayTracer, TracingConfig } from './relay-tracer';

/**
 * Relay traces with the official OpenTelemetry SDK, exported as OTLP/HTTP JSON in batches.
 * Loaded only when tracing is configured (relay-tracer.ts). One trace per relay request: a
 * server span for the request and, under it, a client span for each upstream attempt, made
 * from the router's attempt trail with the times it recorded.
 */
export function createOtelRelayTracer(config: TracingConfig): RelayTracer {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': config.serviceName,
      'service.version': gatewayVersion,
    }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: config.tracesUrl, headers: { ...config.headers } }),
        scheduledDelayMillis: config.exportDelayMs,
      }),
    ],
  });
  const tracer = provider.getTracer('oneapi-gateway', gatewayVersion);

  return {
    start(info) {
      const span = tracer.startSpan(`${info.operation} ${info.model}`, {
        kind: SpanKind.SERVER,
        attributes: requestStartAttributes(info, config.captureContent),
      });
      let ended = false;
      return {
        end(result) {
          if (ended) return;
          ended = true;
          const now = Date.now();
          const parent = trace.setSpan(context.active(), span);
          result.attempts.forEach((attempt, index) => {
            const attemptSpan = tracer.startSpan(
              `${info.operation} ${attempt.upstreamModel}`,
              {
                kind: SpanKind.CLIENT,
                startTime: attempt.startedAt,
                attributes: attemptAttributes(attempt, index, result, info.operation),
              },
              parent,
            );
            if (attempt.outcome === 'failure')
              attemptSpan.setStatus({ code: SpanStatusCode.ERROR, message: attempt.errorCode });
            // A committed stream's attempt lasts as long as the stream; a failed one until it failed.
            const streamed = attempt.outcome === 'success' && info.stream;
            const endTime =
              attempt.latencyMs === undefined || streamed
                ? now
                : attempt.startedAt + attempt.latencyMs;
            attemptSpan.end(endTime);
          });
          span.setAttributes(requestEndAttributes(result));
          if (result.error || result.status >= 500)
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error?.message });
          span.end(now);
        },
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
