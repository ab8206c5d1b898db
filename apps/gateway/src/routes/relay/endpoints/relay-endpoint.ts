import {
  asRecord,
  assertForwardableUrls,
  createSecretScrubber,
  findProvider,
  scrubUpstreamError,
  withJsonModel,
} from '@oneapi/adapters';
import type { Context } from 'hono';
import type { GatewayServices } from '../../../compose';
import type { AppEnv } from '../../../http/app-env';
import { GatewayError } from '../../../http/gateway-error';
import { createChannelClient } from '../channel-client';
import { withFirstEvent } from '../first-event';
import { type RelayBody, readRelayBody } from '../relay-body';
import { SSE_HEADERS } from '../relay-chat';
import { beginRelay, type RelayEstimate } from '../relay-session';
import { capEndpointOutput } from './cap-endpoint-output';
import type { EndpointSpec, MeteredUsage } from './endpoint-spec';
import { parseJsonOrUndefined } from './parse-json-or-undefined';
import { relaySse, settleRelayedStream } from './relay-sse';

/**
 * The handler of one OpenAI endpoint besides chat: read the body, admit and reserve, let the
 * router pick a channel that serves the endpoint and make the attempt, then answer with the
 * upstream's bytes and settle on the usage it reported (or the estimate, flagged).
 */
export function relayEndpoint(services: GatewayServices, spec: EndpointSpec) {
  const relay = relayEndpointBody(services, spec);
  return async (c: Context<AppEnv>): Promise<Response> =>
    relay(c, await readRelayBody(c, spec.bodyType));
}

/** As `relayEndpoint`, for a body the caller has read (to choose a route by its model). */
export function relayEndpointBody(services: GatewayServices, spec: EndpointSpec) {
  const channelAccepts = (channel: { type: string }) => servesEndpoint(channel.type, spec);
  return async (c: Context<AppEnv>, body: RelayBody): Promise<Response> => {
    const startedAt = Date.now();
    const stream = body.json?.stream === true;
    if (stream && !spec.streamMeter)
      throw new GatewayError('invalid_request', `stream: ${spec.path} is not streamed here`, {
        param: 'stream',
      });
    const { estimate, patch } = await capEndpointOutput(
      spec,
      body,
      services.config.defaultMaxTokens,
    );
    const session = await beginRelay(services, c, body.model, estimate, {
      stream,
      body: body.json,
      operation: operationOf(spec.path),
      input: () => body.json?.input ?? body.json?.prompt ?? body.json?.messages,
    });

    const result = await services.router
      .call(
        body.model,
        { ...session.dispatchContext, accepts: channelAccepts },
        async ({ channel, apiKey, upstreamModel, signal }) => {
          // The body goes out as it came: URLs in it (Responses' input_image, file_url) are
          // fetched by the upstream, so they are checked as the chat client checks its own.
          await assertForwardableUrls(body.json, {
            allowPrivateNetwork: channel.config?.allowPrivateNetwork === true,
            resolveHost: services.lookupHost,
          });
          const client = createChannelClient(services, { channel, apiKey });
          const response = spec.send
            ? await spec.send(client, body, upstreamModel, signal)
            : await client.passthrough(
                spec.path,
                {
                  model: upstreamModel,
                  ...(await body.encodeFor(upstreamModel, patch)),
                  ...(body.json && { json: { ...body.json, ...patch, model: upstreamModel } }),
                },
                { signal },
              );
          // Streamed events are relayed as they come, so the upstream's words in them (an
          // error event quoting the key) are scrubbed on the way, as AdapterErrors are.
          const scrubber = createSecretScrubber(channel.keys);
          // A JSON answer, or a stream's first event, is read inside the attempt: one that
          // never arrives (or a stream that reports an error first) fails over.
          const text = !stream && isJson(response) ? await response.text() : undefined;
          const events = stream
            ? await withFirstEvent(
                response.body,
                spec.streamError ?? noStreamError,
                services.config.streamIdleTimeoutMs,
              ).catch((error: unknown) => {
                throw scrubUpstreamError(error, scrubber);
              })
            : undefined;
          return { response, text, events, scrubber, upstreamModel };
        },
      )
      .catch(session.fail);

    const { response, text, events, scrubber, upstreamModel } = result.value;
    // The channel's mapping stays the gateway's: the answer names the model asked for.
    const renamed = spec.answersWithClientModel && upstreamModel !== body.model;
    const scrub = renamed
      ? (data: string) => withTextModel(scrubber.scrub(data), body.model)
      : scrubber.scrub;
    const settled = {
      channelId: result.channel.id,
      attempts: result.attempts,
    };
    const headers = {
      'content-type': scrubber.scrub(response.headers.get('content-type') ?? 'application/json'),
    };

    if (stream && spec.streamMeter) {
      const meter = spec.streamMeter(body, estimate);
      const heartbeatMs = services.config.streamHeartbeatMs;
      const relayed = relaySse(
        events ?? emptyStream(),
        meter,
        heartbeatMs,
        scrub,
        settleRelayedStream(session, settled, meter, startedAt),
      );
      // c.body keeps the headers middleware set (X-Request-Id).
      return c.body(relayed, 200, SSE_HEADERS);
    }

    // Read before renaming: the log keeps the model the upstream named.
    const answer = text === undefined ? undefined : parseJsonOrUndefined(text);
    const answerText = text !== undefined && renamed ? withTextModel(text, body.model) : text;
    const answeredModel = asRecord(answer).model;
    const choices = asRecord(answer).choices;
    await session.settle({
      ...settled,
      ...(typeof answeredModel === 'string' && { responseModel: answeredModel }),
      ...(Array.isArray(choices) && { finishReasons: finishReasonsOf(choices) }),
      usage:
        (await spec.usageOf(answer, body, estimate)) ??
        estimatedUsage(estimate, await spec.countPrompt?.(body)),
      status: 200,
    });
    // c.body, not a new Response: it keeps the headers middleware set (X-Request-Id).
    return c.body(answerText ?? response.body ?? emptyStream(), 200, headers);
  };
}

/** Whether channels of this provider type serve the endpoint (by default: pass it through). */
export function servesEndpoint(type: string, spec: EndpointSpec): boolean {
  const adapter = findProvider(type);
  if (!adapter) return false;
  return spec.accepts
    ? spec.accepts(adapter)
    : adapter.passthrough?.endpoints.includes(spec.path) === true;
}

/** The estimate billed, on the prompt as counted when there is a count (not the held bound). */
function estimatedUsage(estimate: RelayEstimate, promptTokens?: number): MeteredUsage {
  return {
    promptTokens: promptTokens ?? estimate.promptTokens,
    completionTokens: 0,
    ...(estimate.images !== undefined && { images: estimate.images }),
    ...(estimate.audioSeconds !== undefined && { audioSeconds: estimate.audioSeconds }),
    ...(estimate.characters !== undefined && { characters: estimate.characters }),
    estimated: true,
  };
}

function isJson(response: Response): boolean {
  return /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
}

const noStreamError = () => undefined;

/** Why each choice of an answer with choices (chat, completions) ended, for the trace. */
function finishReasonsOf(choices: readonly unknown[]): string[] {
  return choices.flatMap((choice) => {
    const reason = asRecord(choice).finish_reason;
    return typeof reason === 'string' ? [reason] : [];
  });
}

/**
 * A JSON answer or chunk with its top-level `model` set; any other text (`[DONE]`, an error
 * event, which names no model) as it is.
 */
function withTextModel(text: string, model: string): string {
  if (!text.startsWith('{') || !text.includes('"model"')) return text;
  return textDecoder.decode(withJsonModel(textEncoder.encode(text), model));
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/** GenAI `gen_ai.operation.name` of an endpoint: the conventions' name where there is one. */
function operationOf(path: string): string {
  if (path === '/chat/completions') return 'chat';
  if (path === '/embeddings') return 'embeddings';
  if (path === '/completions') return 'text_completion';
  // The others have no name in the conventions yet: the endpoint's own (`images/generations`).
  return path.slice(1);
}
