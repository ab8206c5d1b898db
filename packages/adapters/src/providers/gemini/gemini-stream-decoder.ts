import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import type { Usage } from '../../spec/usage';
import { toUnixSeconds } from './from-gemini-response';
import { type GeminiCandidate, geminiErrorBodySchema, geminiResponseSchema } from './gemini-api';
import { createStreamToolCalls, type StreamToolCalls } from './gemini-stream-tool-calls';
import { mapGeminiStopReason } from './map-gemini-stop-reason';
import { toGeminiAdapterError } from './parse-gemini-error';
import { toGeminiUsage } from './to-gemini-usage';

interface ChoiceState {
  readonly toolCalls: StreamToolCalls;
  finished: boolean;
}

/**
 * Decodes `streamGenerateContent?alt=sse`: every SSE data is a whole GenerateContentResponse
 * holding only the new text. There is no [DONE]; the upstream just closes. usageMetadata is
 * cumulative and repeated on every chunk, so it is emitted with the finish (the last chunk)
 * and again at the end only if it changed since.
 */
export function createGeminiStreamDecoder(request: ChatRequest): StreamDecoder {
  const choices = new Map<number, ChoiceState>();
  let started = false;
  let failed = false;
  let latestUsage: Usage | undefined;
  let emittedUsage = '';

  const choiceState = (choice: number) => {
    let state = choices.get(choice);
    if (!state) {
      state = { toolCalls: createStreamToolCalls(choice), finished: false };
      choices.set(choice, state);
    }
    return state;
  };

  const finish = (choice: number, reason: string, events: StreamEvent[]) => {
    const state = choiceState(choice);
    if (state.finished) return;
    state.finished = true;
    events.push(...state.toolCalls.flush());
    const sawCall = state.toolCalls.count() > 0;
    events.push({ type: 'finish', choice, reason: mapGeminiStopReason(reason, sawCall) });
  };

  const flushUsage = (events: StreamEvent[]) => {
    const key = JSON.stringify(latestUsage);
    if (!latestUsage || key === emittedUsage) return;
    emittedUsage = key;
    events.push({ type: 'usage', usage: latestUsage });
  };

  const fail = (error: AdapterError): StreamEvent[] => {
    failed = true;
    return [{ type: 'error', error }];
  };

  const decodeCandidate = (candidate: GeminiCandidate, position: number, events: StreamEvent[]) => {
    const choice = candidate.index ?? position;
    const state = choiceState(choice);
    for (const part of candidate.content?.parts ?? []) {
      if (part.functionCall) {
        events.push(...state.toolCalls.accept(part.functionCall, part.thoughtSignature));
      } else if (part.text) {
        events.push({
          type: part.thought ? 'reasoning-delta' : 'text-delta',
          choice,
          text: part.text,
        });
      }
    }
    if (candidate.finishReason) finish(choice, candidate.finishReason, events);
  };

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      if (failed || message.data.trim() === '') return [];
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch (cause) {
        return fail(badResponse('A Gemini stream event is not valid JSON', cause));
      }
      const upstreamError = geminiErrorBodySchema.safeParse(json);
      if (upstreamError.success) {
        return fail(toGeminiAdapterError(upstreamError.data, upstreamError.data.error.code ?? 500));
      }
      const parsed = geminiResponseSchema.safeParse(json);
      if (!parsed.success) {
        return fail(badResponse('A Gemini stream event has an unexpected shape', parsed.error));
      }
      const chunk = parsed.data;
      const events: StreamEvent[] = [];
      if (!started) {
        started = true;
        const created = chunk.createTime ? toUnixSeconds(chunk.createTime) : undefined;
        events.push({
          type: 'start',
          ...(chunk.responseId ? { id: chunk.responseId } : {}),
          model: chunk.modelVersion ?? request.model,
          ...(created !== undefined ? { created } : {}),
        });
      }
      (chunk.candidates ?? []).forEach((candidate, position) => {
        decodeCandidate(candidate, position, events);
      });
      // A blocked prompt is one chunk with promptFeedback.blockReason and no candidates.
      const blockReason = chunk.promptFeedback?.blockReason;
      if (!chunk.candidates?.length && blockReason) finish(0, blockReason, events);
      if (chunk.usageMetadata) latestUsage = toGeminiUsage(chunk.usageMetadata);
      if (events.some((event) => event.type === 'finish')) flushUsage(events);
      return events;
    },

    end(): StreamEvent[] {
      if (failed) return [];
      const finished = [...choices.values()].some((state) => state.finished);
      if (!finished) {
        return fail(badResponse('The Gemini stream closed before a finishReason'));
      }
      const events: StreamEvent[] = [];
      flushUsage(events);
      return events;
    },
  };
}

const badResponse = (message: string, cause?: unknown) =>
  new AdapterError('upstream_bad_response', message, { cause });
