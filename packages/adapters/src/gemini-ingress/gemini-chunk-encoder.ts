import { randomBytes } from 'node:crypto';
import type { AdapterError } from '../spec/adapter-error';
import type { FinishReason } from '../spec/openai-chat-response';
import type { StreamEvent } from '../spec/stream-event';
import type { Usage } from '../spec/usage';
import { toGeminiError } from './gemini-error';
import { toGeminiFunctionCallPart } from './to-gemini-function-call-part';
import {
  type GeminiGenerateContentResponse,
  type GeminiOutputPart,
  toGeminiFinishReason,
  toGeminiUsageMetadata,
} from './to-gemini-response';

/**
 * How streamGenerateContent frames its chunks: `sse` with `?alt=sse` (what Google's SDKs
 * ask for), otherwise one JSON array sent an element at a time, as the real API does.
 */
export type GeminiStreamFraming = 'sse' | 'json-array';

export interface GeminiChunkEncoderOptions {
  /** The model name the caller asked for (Gemini's `modelVersion`). */
  readonly model: string;
  readonly framing: GeminiStreamFraming;
}

export interface GeminiChunkEncoder {
  encode(event: StreamEvent): string[];
  end(): string[];
  readonly usage: Usage | undefined;
  readonly error: AdapterError | undefined;
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

/**
 * The one writer of Gemini stream chunks (GenerateContentResponse objects). Text and
 * thoughts go out as they arrive; a function call goes out whole, as Gemini sends it, once
 * its arguments are complete (at the end of the stream); the last chunk carries each
 * candidate's finishReason and the usageMetadata.
 */
export function createGeminiChunkEncoder(options: GeminiChunkEncoderOptions): GeminiChunkEncoder {
  let responseId = randomBytes(12).toString('base64url');
  let sent = 0;
  const calls = new Map<number, PendingCall[]>();
  const finishReasons = new Map<number, FinishReason>();
  let usage: Usage | undefined;
  let error: AdapterError | undefined;

  const frame = (payload: object): string => {
    const json = JSON.stringify(payload);
    const prefix = options.framing === 'sse' ? 'data: ' : sent === 0 ? '[' : ',\r\n';
    sent++;
    return options.framing === 'sse' ? `${prefix}${json}\r\n\r\n` : `${prefix}${json}`;
  };

  const chunk = (
    candidates: GeminiGenerateContentResponse['candidates'],
    extra: Partial<GeminiGenerateContentResponse> = {},
  ): string => frame({ candidates, ...extra, modelVersion: options.model, responseId });

  const contentChunk = (choice: number, part: GeminiOutputPart) =>
    chunk([{ content: { role: 'model', parts: [part] }, index: choice }]);

  const callsOf = (choice: number) => {
    const list = calls.get(choice) ?? [];
    calls.set(choice, list);
    return list;
  };

  return {
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    encode(event) {
      if (error) return [];
      switch (event.type) {
        case 'start':
          if (event.id) responseId = event.id;
          return [];
        case 'text-delta':
        case 'refusal-delta':
          return event.text === '' ? [] : [contentChunk(event.choice, { text: event.text })];
        case 'reasoning-delta':
          return event.text === ''
            ? []
            : [contentChunk(event.choice, { text: event.text, thought: true })];
        case 'tool-call-start':
          callsOf(event.choice)[event.index] = { id: event.id, name: event.name, args: '' };
          return [];
        case 'tool-call-delta': {
          const call = calls.get(event.choice)?.[event.index];
          if (call) call.args += event.argumentsDelta;
          return [];
        }
        case 'finish':
          finishReasons.set(event.choice, event.reason);
          return [];
        case 'usage':
          usage = event.usage;
          return [];
        case 'error': {
          error = event.error;
          const body = frame(toGeminiError(event.error));
          return [options.framing === 'json-array' ? `${body}]` : body];
        }
        // Anthropic's thinking signatures cannot be verified by anything a Gemini client
        // would send them back to.
        case 'reasoning-signature':
        case 'reasoning-redacted':
          return [];
      }
    },
    end() {
      if (error) return [];
      const choices = new Set([0, ...calls.keys(), ...finishReasons.keys()]);
      const candidates = [...choices]
        .sort((a, b) => a - b)
        .map((choice) => {
          const parts = (calls.get(choice) ?? [])
            .filter((call) => call !== undefined)
            .map((call) => toGeminiFunctionCallPart(call.id, call.name, call.args));
          return {
            // The real API closes with an empty text part when there is nothing else.
            content: { role: 'model' as const, parts: parts.length > 0 ? parts : [{ text: '' }] },
            finishReason: toGeminiFinishReason(finishReasons.get(choice) ?? null),
            index: choice,
          };
        });
      const last = chunk(candidates, usage ? { usageMetadata: toGeminiUsageMetadata(usage) } : {});
      return [options.framing === 'json-array' ? `${last}]` : last];
    },
  };
}
