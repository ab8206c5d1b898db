import { parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import type { Usage } from '../../spec/usage';
import {
  type CloudflareResult,
  cloudflareErrorSchema,
  cloudflareResultSchema,
} from './cloudflare-api';
import { mapCloudflareStopReason } from './map-cloudflare-stop-reason';
import { createCloudflareStreamError } from './parse-cloudflare-error';
import {
  readCloudflareText,
  readCloudflareUsage,
  toOpenAIToolCall,
} from './read-cloudflare-result';

/**
 * Decodes Workers AI SSE: `data: {"response": "token", "p": "..."}` (`p` is padding against
 * token-length side channels), a last payload that may carry `usage`, then `data: [DONE]`.
 * Workers AI sends no stop reason, so [DONE] (its only end-of-answer signal) yields the
 * derived finish and the held usage. A stream cut before [DONE] gets no invented finish:
 * end() only flushes usage not yet sent.
 */
export function createCloudflareStreamDecoder(request: ChatRequest): StreamDecoder {
  let started = false;
  let finished = false;
  let toolCallCount = 0;
  let latestUsage: Usage | undefined;
  let usagePending = false;

  const start = (): StreamEvent[] => {
    if (started) return [];
    started = true;
    return [{ type: 'start', model: request.model }];
  };

  const flushUsage = (): StreamEvent[] => {
    if (!usagePending || !latestUsage) return [];
    usagePending = false;
    return [{ type: 'usage', usage: latestUsage }];
  };

  const translate = (result: CloudflareResult): StreamEvent[] => {
    const events = start();
    const text = readCloudflareText(result);
    if (text) events.push({ type: 'text-delta', choice: 0, text });
    for (const wireCall of result.tool_calls ?? []) {
      const call = toOpenAIToolCall(wireCall);
      const index = toolCallCount++;
      events.push(
        { type: 'tool-call-start', choice: 0, index, id: call.id, name: call.function.name },
        { type: 'tool-call-delta', choice: 0, index, argumentsDelta: call.function.arguments },
      );
    }
    const usage = readCloudflareUsage(result);
    if (usage) {
      latestUsage = usage;
      usagePending = true;
    }
    return finished ? [...events, ...flushUsage()] : events;
  };

  const done = (): StreamEvent[] => {
    if (finished) return [];
    finished = true;
    const reason = mapCloudflareStopReason(request, toolCallCount > 0, latestUsage);
    return [...start(), { type: 'finish', choice: 0, reason }, ...flushUsage()];
  };

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      if (message.data.trim() === '[DONE]') return done();
      let payload: unknown;
      try {
        payload = parseUpstreamJson(message.data, 'Workers AI stream event');
      } catch (error) {
        return [{ type: 'error', error: error as AdapterError }];
      }
      const failure = readStreamFailure(payload);
      if (failure) return [{ type: 'error', error: failure }];
      const parsed = cloudflareResultSchema.safeParse(payload);
      if (!parsed.success) {
        const error = new AdapterError(
          'upstream_bad_response',
          'Unexpected Workers AI stream event',
          {
            cause: parsed.error,
          },
        );
        return [{ type: 'error', error }];
      }
      return translate(parsed.data);
    },
    end: flushUsage,
  };
}

/** `{"errors": [...]}` or `{"error": "..."}` in place of a token. */
function readStreamFailure(payload: unknown): AdapterError | undefined {
  const record = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  if (typeof record.error === 'string') {
    return createCloudflareStreamError({ errors: [{ message: record.error }] });
  }
  if (record.success === false || (Array.isArray(record.errors) && record.errors.length > 0)) {
    return createCloudflareStreamError(cloudflareErrorSchema.safeParse(payload).data);
  }
  return undefined;
}
