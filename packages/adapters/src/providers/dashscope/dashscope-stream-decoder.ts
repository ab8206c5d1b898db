import { parseUpstreamJson } from '../../core/parse-json';
import { createToolCallId } from '../../core/tool-call-ids';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import type { Usage } from '../../spec/usage';
import {
  type DashScopeChoice,
  type DashScopeWireToolCall,
  dashScopeErrorSchema,
  dashScopeResponseSchema,
} from './dashscope-api';
import { mapDashScopeErrorCode } from './map-dashscope-error-code';
import { mapDashScopeStopReason } from './map-dashscope-stop-reason';
import { readDashScopeText, readDashScopeUsage } from './read-dashscope-usage';

/**
 * Decodes DashScope's native SSE (`event:result`, or `event:error` with `{code,message}`).
 * Usage is cumulative on every event: the latest is held and emitted with the finish, or
 * by end() if the stream closes without one; no finish is ever invented.
 */
export function createDashScopeStreamDecoder(request: ChatRequest): StreamDecoder {
  let started = false;
  let finished = false;
  let emittedText = '';
  let emittedReasoning = '';
  let pendingUsage: Usage | undefined;
  // DashScope's tool-call `index` (or position) -> our index from 0.
  const toolIndexes = new Map<number, number>();

  const translate = (choice: DashScopeChoice | undefined, usage: Usage | undefined) => {
    const events: StreamEvent[] = [];
    const reasoning = newSuffix(emittedReasoning, choice?.message.reasoning_content ?? '');
    emittedReasoning += reasoning;
    if (reasoning) events.push({ type: 'reasoning-delta', choice: 0, text: reasoning });
    const text = newSuffix(emittedText, readDashScopeText(choice?.message.content));
    emittedText += text;
    if (text) events.push({ type: 'text-delta', choice: 0, text });
    (choice?.message.tool_calls ?? []).forEach((call, position) => {
      events.push(...translateToolCall(call, call.index ?? position));
    });
    if (usage) pendingUsage = usage;
    const reason = mapDashScopeStopReason(choice?.finish_reason);
    if (reason && !finished) {
      finished = true;
      events.push({ type: 'finish', choice: 0, reason });
    }
    // After the finish, usage goes out at once (a later one replaces an earlier one).
    if (finished && pendingUsage) {
      events.push({ type: 'usage', usage: pendingUsage });
      pendingUsage = undefined;
    }
    return events;
  };

  const translateToolCall = (call: DashScopeWireToolCall, key: number): StreamEvent[] => {
    const events: StreamEvent[] = [];
    let index = toolIndexes.get(key);
    if (index === undefined) {
      index = toolIndexes.size;
      toolIndexes.set(key, index);
      const id = call.id || createToolCallId();
      events.push({
        type: 'tool-call-start',
        choice: 0,
        index,
        id,
        name: call.function?.name ?? '',
      });
    }
    // Continuation deltas repeat `id: ""` and may end with an empty `arguments`; skip those.
    const args = call.function?.arguments;
    if (args) events.push({ type: 'tool-call-delta', choice: 0, index, argumentsDelta: args });
    return events;
  };

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      let payload: unknown;
      try {
        payload = parseUpstreamJson(message.data, 'DashScope stream event');
      } catch (error) {
        return [{ type: 'error', error: error as AdapterError }];
      }
      const failure = dashScopeErrorSchema.safeParse(payload);
      if (message.event === 'error' || (failure.success && !hasOutput(payload))) {
        return [{ type: 'error', error: toStreamError(failure.data) }];
      }
      const parsed = dashScopeResponseSchema.safeParse(payload);
      if (!parsed.success) {
        const error = new AdapterError(
          'upstream_bad_response',
          'Unexpected DashScope stream event',
          {
            cause: parsed.error,
          },
        );
        return [{ type: 'error', error }];
      }
      const head: StreamEvent[] = [];
      if (!started) {
        started = true;
        const id = parsed.data.request_id;
        head.push({ type: 'start', model: request.model, ...(id && { id }) });
      }
      const usage = readDashScopeUsage(parsed.data.usage);
      return [...head, ...translate(parsed.data.output.choices?.[0], usage)];
    },
    end(): StreamEvent[] {
      if (!pendingUsage) return [];
      const usage = pendingUsage;
      pendingUsage = undefined;
      return [{ type: 'usage', usage }];
    },
  };
}

/**
 * Only what is new. With incremental_output each event holds new text only; without it
 * (or behind a proxy that drops the flag) each repeats everything so far, so text that
 * starts with all already emitted is cut to its suffix. The cost: an incremental delta
 * that happens to repeat the whole text so far (only plausible in the first tokens) is trimmed.
 */
function newSuffix(emitted: string, incoming: string): string {
  return emitted !== '' && incoming.startsWith(emitted) ? incoming.slice(emitted.length) : incoming;
}

function hasOutput(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'output' in payload;
}

function toStreamError(body: { code: string; message?: string } | undefined): AdapterError {
  const code = body ? mapDashScopeErrorCode(body.code, body.message) : undefined;
  const detail = body ? `${body.code}: ${body.message ?? ''}` : 'unknown error';
  return new AdapterError(code ?? 'upstream_server_error', `Upstream stream error: ${detail}`);
}
