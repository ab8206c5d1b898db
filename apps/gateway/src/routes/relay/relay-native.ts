import {
  type AdapterError,
  createSecretScrubber,
  findNativeSupport,
  findProvider,
  type NativeFormat,
  type NativeRequestInit,
  scrubUpstreamError,
  type Usage,
} from '@oneapi/adapters';
import type { Context } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { createChannelClient } from './channel-client';
import type { StreamMeter } from './endpoints/endpoint-spec';
import { parseJsonOrUndefined } from './endpoints/parse-json-or-undefined';
import { relaySse, settleRelayedStream } from './endpoints/relay-sse';
import { withFirstEvent } from './first-event';
import { SSE_HEADERS } from './relay-chat';
import { beginRelay, poolHasType } from './relay-session';

/** What the relay needs to know of one client format to pass it through. */
export interface NativeIngress {
  readonly format: NativeFormat;
  /** A meter for one streamed answer. */
  streamMeter(request: NativeRequest): StreamMeter;
  /** What a buffered answer (its parsed JSON) reports it used; undefined: nothing. */
  usageOf(answer: unknown): Usage | undefined;
  /** The prompt as the tokenizer counts it, billed when the answer reports no usage. */
  countPrompt(request: NativeRequest): Promise<number>;
  /** The event that ends a stream the upstream broke off, in the format's words. */
  brokenOffFrame(message: string): string;
  /** The failure a stream's first event reports, if it is an error event; else undefined. */
  streamError(event: string | undefined, data: string): AdapterError | undefined;
}

/** A client request in a native format, with what the gateway reads of it. */
export interface NativeRequest extends Omit<NativeRequestInit, 'model'> {
  readonly model: string;
  readonly maxTokens: number;
  /** An upper bound on its prompt tokens, linear to compute, for the hold. */
  readonly promptTokenBound: number;
}

/**
 * Whether a request for `model` from this key's group goes to channels that speak `format`
 * natively. When any channel of the pool does, only those serve it: a cross-format failover
 * would lose what the passthrough keeps (signed thinking, cache markers, betas).
 */
export function servedNatively(
  services: GatewayServices,
  c: Context<AppEnv>,
  model: string,
  format: NativeFormat,
): boolean {
  return poolHasType(services, c, model, (type) => speaksNatively(type, model, format));
}

/** Whether channels of this type take `format` for this model as it is (see `NativeSupport`). */
function speaksNatively(type: string, model: string, format: NativeFormat): boolean {
  const provider = findProvider(type);
  return provider !== undefined && findNativeSupport(provider, format, model) !== undefined;
}

/**
 * One request passed through to a channel that speaks its format: admitted and held as any
 * relay, sent as the client wrote it (the model mapped, credentials the channel's), failed
 * over until the upstream's first bytes, answered with the upstream's events or body as they
 * are, and settled on the usage the answer reports.
 */
export async function relayNative(
  services: GatewayServices,
  c: Context<AppEnv>,
  request: NativeRequest,
  ingress: NativeIngress,
): Promise<Response> {
  const startedAt = Date.now();
  const estimate = { promptTokens: request.promptTokenBound, maxTokens: request.maxTokens };
  const session = await beginRelay(services, c, request.model, estimate, {
    stream: request.stream,
    body: request.json,
    operation: 'chat',
    input: () => ({ system: request.json.system, messages: request.json.messages }),
  });
  const speaksFormat = (channel: { type: string }) =>
    speaksNatively(channel.type, request.model, ingress.format);

  const result = await services.router
    .call(request.model, { ...session.dispatchContext, accepts: speaksFormat }, async (target) => {
      const client = createChannelClient(services, target);
      // The upstream's words relayed as they are still never carry the channel's keys.
      const scrubber = createSecretScrubber(target.channel.keys);
      const response = await client.native(
        ingress.format,
        { ...request, model: target.upstreamModel },
        { signal: target.signal },
      );
      // Read inside the attempt, so an answer that never comes (or a stream that breaks
      // before its first bytes) fails over to the next channel.
      const answer = request.stream
        ? {
            // An error event before the first one relayed is thrown: masked as client errors are.
            stream: await withFirstEvent(
              response.body,
              ingress.streamError,
              services.config.streamIdleTimeoutMs,
            ).catch((error: unknown) => {
              throw scrubUpstreamError(error, scrubber);
            }),
          }
        : { text: await response.text() };
      return { ...answer, scrubber };
    })
    .catch(session.fail);

  const settled = { channelId: result.channel.id, attempts: result.attempts };
  const { scrubber } = result.value;

  if (result.value.stream) {
    const meter = ingress.streamMeter(request);
    const relayed = relaySse(
      result.value.stream,
      meter,
      services.config.streamHeartbeatMs,
      scrubber.scrub,
      settleRelayedStream(session, settled, meter, startedAt),
      ingress.brokenOffFrame,
    );
    // c.body keeps the headers middleware set (X-Request-Id).
    return c.body(relayed, 200, SSE_HEADERS);
  }

  const text = scrubber.scrub(result.value.text ?? '');
  const usage = ingress.usageOf(parseJsonOrUndefined(text)) ?? {
    promptTokens: await ingress.countPrompt(request),
    completionTokens: 0,
    estimated: true,
  };
  await session.settle({ ...settled, usage, status: 200 });
  return c.body(text, 200, { 'content-type': 'application/json' });
}
